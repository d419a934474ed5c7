package tui

import (
	"context"
	"errors"
	"fmt"
	"github.com/charmbracelet/x/ansi"
	"io"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"

	"github.com/tale-if/tale/tio"
)

// Options configure Run.
type Options struct {
	// StoryID names the history file: DataDir/history/<StoryID>.txt.
	StoryID string
	// DataDir is where history is kept; "" keeps none. Secret (no-echo)
	// lines are never saved.
	DataDir string
	// NoColor (NO_COLOR is set) gives the plain theme: reverse video and
	// bold, no colour.
	NoColor bool
	// Input and Output default to stdin and stdout.
	Input  io.Reader
	Output io.Writer
	// AltScreen runs on the alternate screen (see the package doc).
	AltScreen bool
	// HideNarrationMark shows a language model's narration like the
	// story's own text, without its mark (dim italic and a ✎).
	HideNarrationMark bool
}

// Run plays sess in the terminal until the player quits, an ending has
// been read, or the session closes; those return nil. A confirmed quit
// (the driver's ending "quit") leaves at once; any other ending waits for
// a key. On the alternate screen, the story's last words and the ending's
// title are printed after leaving it, so they stay in the terminal. When ctx is
// cancelled Run returns nil as well: stopping was the caller's decision.
// The terminal is restored in every case, a panic included (Bubble Tea
// recovers it and Run reports it as an error).
func Run(ctx context.Context, sess tio.Session, opts Options) (err error) {
	if opts.Input == nil {
		opts.Input = os.Stdin
	}
	if opts.Output == nil {
		opts.Output = os.Stdout
	}
	r := lipgloss.NewRenderer(opts.Output)
	if opts.NoColor {
		r.SetColorProfile(termenv.Ascii)
	} else {
		// Ask the terminal for its background now, while the line is still
		// ours: once Bubble Tea reads the input, the reply would arrive as
		// stray key presses.
		r.HasDarkBackground()
	}
	m := newModel(ctx, sess, opts, settings{renderer: r, blink: true})
	// The window title is written here, before the program owns the
	// output: Bubble Tea v1's SetWindowTitle writes without the renderer's
	// lock and races its frame flushes.
	if m.status.story != "" {
		if _, err := io.WriteString(opts.Output, ansi.SetWindowTitle(m.status.story)); err != nil {
			return fmt.Errorf("tui: %w", err)
		}
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("tui: %v", p)
		}
		m.finish()
	}()

	popts := []tea.ProgramOption{
		tea.WithContext(ctx),
		tea.WithInput(opts.Input),
		tea.WithOutput(opts.Output),
		tea.WithMouseCellMotion(),
	}
	if opts.AltScreen {
		popts = append(popts, tea.WithAltScreen())
	}
	if _, err := tea.NewProgram(m, popts...).Run(); err != nil {
		if errors.Is(err, tea.ErrProgramKilled) && ctx.Err() != nil {
			return nil
		}
		return fmt.Errorf("tui: %w", err)
	}
	if opts.AltScreen {
		// Leaving the alternate screen took the story with it; keep the
		// last words (a goodbye, an ending) on the terminal.
		if s := m.farewell(); s != "" {
			if _, err := io.WriteString(opts.Output, s); err != nil {
				return fmt.Errorf("tui: %w", err)
			}
		}
	}
	return m.err
}

// NewModel is the TUI as a Bubble Tea model, for tests and embedding. Its
// colours follow Options.Output (stdout when nil), like Run's.
func NewModel(sess tio.Session, opts Options) tea.Model {
	out := opts.Output
	if out == nil {
		out = os.Stdout
	}
	r := lipgloss.NewRenderer(out)
	if opts.NoColor {
		r.SetColorProfile(termenv.Ascii)
	}
	return newModel(context.Background(), sess, opts, settings{renderer: r, blink: true})
}
