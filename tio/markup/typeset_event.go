package markup

import (
	"slices"

	"github.com/tale-if/tale/tio"
)

// TypesetEvent gives what an event shows a quote style: its text, menu,
// status names, ending title and image caption (the driver passes every
// event a player is shown through it, so the story's text, Tale's own
// messages, names and titles follow the one setting), while what a
// player typed, marked as theirs, stays as written (Typeset). An event
// without quotes to change costs a scan and no allocation; an event that
// changes is a copy (the original may be kept, as the status to compare).
func TypesetEvent(ev tio.Event, ty Typography) tio.Event {
	switch ev.Kind {
	case tio.KindText:
		ev.Text = Typeset(ev.Text, ty)
	case tio.KindChoices:
		if ch := ev.Choices; ch != nil {
			ev.Choices = typesetChoices(ch, ty)
		}
	case tio.KindState:
		if st := ev.State; st != nil {
			ev.State = typesetState(st, ty)
		}
	case tio.KindEnd:
		if e := ev.Ending; e != nil {
			if t := Typeset(e.Title, ty); t != e.Title {
				c := *e
				c.Title = t
				ev.Ending = &c
			}
		}
	case tio.KindImage:
		if im := ev.Image; im != nil {
			if t := TypesetText(im.Alt, ty); t != im.Alt {
				c := *im
				c.Alt = t
				ev.Image = &c
			}
		}
	}
	return ev
}

// typesetChoices is ch in the game's quote style, ch itself when nothing
// changes (never changed in place: the menu may be kept).
func typesetChoices(ch *tio.Choices, ty Typography) *tio.Choices {
	var c *tio.Choices
	edit := func() {
		if c == nil {
			c = &tio.Choices{Prompt: ch.Prompt, Options: slices.Clone(ch.Options)}
		}
	}
	if t := Typeset(ch.Prompt, ty); t != ch.Prompt {
		edit()
		c.Prompt = t
	}
	for i, o := range ch.Options {
		if t := Typeset(o.Text, ty); t != o.Text {
			edit()
			c.Options[i].Text = t
		}
	}
	if c == nil {
		return ch
	}
	return c
}

// typesetState is st's names in the game's quote style, st itself when
// nothing changes: the status kept to compare with (lastState) stays as
// the story wrote it. Players' names are theirs, as they typed them.
func typesetState(st *tio.State, ty Typography) *tio.State {
	var c *tio.State
	edit := func() *tio.State {
		if c == nil {
			cp := *st
			c = &cp
		}
		return c
	}
	if t := TypesetText(st.Story, ty); t != st.Story {
		edit().Story = t
	}
	if t := TypesetText(st.Location, ty); t != st.Location {
		edit().Location = t
	}
	if n, ok := typesetNames(st.Exits, ty); ok {
		edit().Exits = n
	}
	if n, ok := typesetNames(st.Items, ty); ok {
		edit().Items = n
	}
	if n, ok := typesetNames(st.NPCs, ty); ok {
		edit().NPCs = n
	}
	if n, ok := typesetNames(st.Inventory, ty); ok {
		edit().Inventory = n
	}
	if c == nil {
		return st
	}
	return c
}

// typesetNames is names in the game's quote style, a new list if any
// changed.
func typesetNames(names []string, ty Typography) ([]string, bool) {
	var out []string
	for i, n := range names {
		if t := TypesetText(n, ty); t != n {
			if out == nil {
				out = slices.Clone(names)
			}
			out[i] = t
		}
	}
	return out, out != nil
}
