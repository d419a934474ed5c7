package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap is every key the TUI answers to besides line editing, which is
// textinput's own (Ctrl+A/E, Ctrl+W, Ctrl+U, …). Home and End belong to
// the story pane, as in a pager; Ctrl+A and Ctrl+E still jump along the line.
type keyMap struct {
	Submit     key.Binding
	HistPrev   key.Binding
	HistNext   key.Binding
	Complete   key.Binding
	CompPrev   key.Binding
	PageUp     key.Binding
	PageDown   key.Binding
	Top        key.Binding
	Bottom     key.Binding
	Help       key.Binding
	Close      key.Binding
	Quit       key.Binding
	QuitEmpty  key.Binding
	MenuUp     key.Binding
	MenuDown   key.Binding
	MenuNumber key.Binding
}

func defaultKeyMap() keyMap {
	return keyMap{
		Submit:     key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "send the command")),
		HistPrev:   key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/↓", "earlier / later commands")),
		HistNext:   key.NewBinding(key.WithKeys("down", "ctrl+n")),
		Complete:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete a word (again: next)")),
		CompPrev:   key.NewBinding(key.WithKeys("shift+tab")),
		PageUp:     key.NewBinding(key.WithKeys("pgup"), key.WithHelp("pgup/pgdn", "scroll the story (or the wheel)")),
		PageDown:   key.NewBinding(key.WithKeys("pgdown")),
		Top:        key.NewBinding(key.WithKeys("home"), key.WithHelp("home/end", "start / end of the story")),
		Bottom:     key.NewBinding(key.WithKeys("end")),
		Help:       key.NewBinding(key.WithKeys("f1"), key.WithHelp("f1 or ?", "this help")),
		Close:      key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "close a menu or the completions")),
		Quit:       key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit (asks first)")),
		QuitEmpty:  key.NewBinding(key.WithKeys("ctrl+d"), key.WithHelp("ctrl+d", "quit, on an empty line (asks first)")),
		MenuUp:     key.NewBinding(key.WithKeys("up"), key.WithHelp("↑/↓ enter", "pick from a menu (or its number)")),
		MenuDown:   key.NewBinding(key.WithKeys("down")),
		MenuNumber: key.NewBinding(key.WithKeys("1", "2", "3", "4", "5", "6", "7", "8", "9")),
	}
}

// helpBindings is what the help overlay lists, in reading order.
func (k keyMap) helpBindings() []key.Binding {
	return []key.Binding{k.Submit, k.HistPrev, k.Complete, k.PageUp, k.Top, k.MenuUp, k.Close, k.Help, k.Quit, k.QuitEmpty}
}
