package tui

import (
	"strings"

	"github.com/charmbracelet/lipgloss"
)

// commonCommands are the verbs most stories understand; the help shows them
// so a newcomer to parser games has somewhere to start.
var commonCommands = [][2]string{
	{"look (l)", "describe where you are"},
	{"examine (x) thing", "look closely at something"},
	{"n, s, e, w, u, d…", "walk that way"},
	{"take / drop thing", "pick up or put down"},
	{"inventory (i)", "what you carry"},
	{"talk to someone", "start a conversation"},
	{"undo, save, restore", "take back, keep, return"},
	{"quit", "leave the story"},
}

// helpView is the overlay that takes the story pane's place. It uses the
// first layout that fits: one boxed column, two boxed columns side by
// side, then one bare column (cut at the bottom on a tiny screen).
func helpView(st *styles, keys keyMap, width, height int) string {
	var rows [][2]string
	for _, k := range keys.helpBindings() {
		rows = append(rows, [2]string{k.Help().Key, k.Help().Desc})
	}
	keyCol := helpTable(st, "Keys", rows)
	cmdCol := helpTable(st, "Commands", commonCommands)
	layouts := []string{
		st.HelpBox.Render(keyCol + "\n\n" + cmdCol),
		st.HelpBox.Render(lipgloss.JoinHorizontal(lipgloss.Top, keyCol, "    ", cmdCol)),
		// Padded to its widest line, so it centres as one block.
		st.renderer.NewStyle().Width(max(lipgloss.Width(keyCol), lipgloss.Width(cmdCol))).
			Render(keyCol + "\n\n" + cmdCol),
	}
	body := layouts[len(layouts)-1]
	for _, l := range layouts {
		if lipgloss.Width(l) <= width && lipgloss.Height(l) <= height {
			body = l
			break
		}
	}
	return fitHeight(st.renderer.Place(width, height, lipgloss.Center, lipgloss.Center, body), height)
}

func helpTable(st *styles, title string, rows [][2]string) string {
	w := 0
	for _, r := range rows {
		w = max(w, lipgloss.Width(r[0]))
	}
	lines := []string{st.HelpTitle.Render(title)}
	for _, r := range rows {
		pad := strings.Repeat(" ", w-lipgloss.Width(r[0]))
		lines = append(lines, st.HelpKey.Render(r[0])+pad+"  "+st.HelpDesc.Render(r[1]))
	}
	return strings.Join(lines, "\n")
}
