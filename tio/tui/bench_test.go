package tui

import (
	"fmt"
	"testing"

	tea "github.com/charmbracelet/bubbletea"
)

// benchModel is a model at 100×30 with n paragraphs of story behind it.
func benchModel(b *testing.B, n int) *model {
	b.Helper()
	m := testModel(b, newFakeSession(), Options{})
	m.Update(tea.WindowSizeMsg{Width: 100, Height: 30})
	for i := range n {
		m.apply(text(fmt.Sprintf("Paragraph %d. %s", i, longParagraphs[i%len(longParagraphs)])))
	}
	m.sb.flush()
	return m
}

var sizes = []int{10, 10000}

// BenchmarkKeystroke is one key typed into the input line and the frame
// drawn after it: the cost a player feels while typing.
func BenchmarkKeystroke(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("paragraphs=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			keys := []tea.KeyMsg{{Type: tea.KeyRunes, Runes: []rune{'a'}}, {Type: tea.KeyBackspace}}
			b.ResetTimer()
			for i := range b.N {
				m.Update(keys[i%2])
				_ = m.View()
			}
		})
	}
}

// BenchmarkView is drawing one frame.
func BenchmarkView(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("paragraphs=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			b.ResetTimer()
			for range b.N {
				_ = m.View()
			}
		})
	}
}

// BenchmarkNewParagraph is one more paragraph of story arriving and the
// frame drawn after it.
func BenchmarkNewParagraph(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("paragraphs=%d", n), func(b *testing.B) {
			m := benchModel(b, n)
			ev := text(longParagraphs[1])
			b.ResetTimer()
			for range b.N {
				m.apply(ev)
				m.sb.flush()
				_ = m.View()
			}
		})
	}
}

// BenchmarkScrollPage is PgUp through the story, paging past the edge of
// the viewport's window now and then.
func BenchmarkScrollPage(b *testing.B) {
	m := benchModel(b, 10000)
	up := tea.KeyMsg{Type: tea.KeyPgUp}
	end := tea.KeyMsg{Type: tea.KeyEnd}
	b.ResetTimer()
	for i := range b.N {
		if i%500 == 499 {
			m.Update(end)
		}
		m.Update(up)
		_ = m.View()
	}
}
