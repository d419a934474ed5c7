package console

import (
	"bufio"
	"context"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/charmbracelet/lipgloss"
	"github.com/muesli/termenv"
	"golang.org/x/term"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// defaultWidth is the wrap width when out is not a terminal: the classic
// 80 columns that pipes, logs and braille displays are used to.
const defaultWidth = 80

// clearScreen homes the cursor and erases the screen; only sent to a
// terminal that takes colour, so never into a file or a screen reader.
const clearScreen = "\x1b[H\x1b[2J"

// sceneBreak stands in for clearing the screen where there is no screen:
// a book's scene break, which a screen reader reads without fuss.
const sceneBreak = "* * *\n\n"

// narratedMark starts a language model's narration (tio.KindNarration),
// so a listener knows the words are the model's and not the author's.
// It is a word a screen reader reads as a word (a symbol such as the
// TUI's ✎ is read as "pencil", or not at all), and it is said once per
// narration, not per paragraph. With colour the narration is also dim
// and italic, as in the TUI.
const narratedMark = "(narrated) "

type console struct {
	ctx  context.Context
	sess tio.Session
	sub  *tio.Subscription
	out  *errWriter    // the output, keeping its first error
	w    *bufio.Writer // in front of out: flushed before Run waits (output.go)
	opts Options

	fd    int // out's descriptor, when out is a terminal
	tty   bool
	theme markup.Theme

	seen     uint64       // the newest event shown
	lastText string       // the newest text shown, in markup
	menu     *tio.Choices // the open menu, answered by number
	secret   bool         // the next line is a password
	prompted bool         // the prompt is the last thing on screen
	bannered bool         // an ending's banner is: what follows it stands a blank line apart
	editing  bool         // lines are read with the editor, which draws the prompt (editor.go)
	screen   io.Writer    // out itself, also when the editor writes in front of it
}

func newConsole(ctx context.Context, sess tio.Session, out io.Writer, opts Options) *console {
	c := &console{ctx: ctx, sess: sess, out: &errWriter{w: out}, opts: opts, screen: out}
	c.w = bufio.NewWriterSize(c.out, outBuffer)
	if f, ok := out.(interface{ Fd() uintptr }); ok && term.IsTerminal(int(f.Fd())) {
		c.fd, c.tty = int(f.Fd()), true
	}
	if opts.Color {
		r := lipgloss.NewRenderer(out)
		if r.ColorProfile() == termenv.Ascii {
			// The caller decided colour is wanted; an unknown TERM
			// should not overrule that.
			r.SetColorProfile(termenv.ANSI)
		}
		// Ask the terminal for its background now, before anything reads
		// the input: its answer arrives on the same terminal.
		r.SetHasDarkBackground(r.HasDarkBackground())
		c.theme = markup.DefaultTheme(r)
	}
	return c
}

func (c *console) width() int {
	if c.opts.Width > 0 {
		return c.opts.Width
	}
	if c.tty {
		if w, _, err := term.GetSize(c.fd); err == nil && w > 0 {
			return w
		}
	}
	return defaultWidth
}

func (c *console) render(text string, width int) string {
	if c.opts.Color {
		return markup.ANSI(text, width, c.theme)
	}
	return markup.Plain(text, width)
}

// show prints one event and reports whether the story is over.
func (c *console) show(ev tio.Event) bool {
	if !ev.Snapshot && ev.Seq <= c.seen {
		return false // already shown before a resubscribe
	}
	c.seen = max(c.seen, ev.Seq)
	if ev.Kind == tio.KindState || ev.Kind == tio.KindNoEcho {
		// A status line is noise to a screen reader; the state is in
		// the text already.
		c.secret = c.secret || ev.Kind == tio.KindNoEcho
		return false
	}
	if ev.Kind == tio.KindNarration && (ev.Narration == nil || !ev.Narration.Final || ev.Narration.Text == "") {
		// Plain lines are for screen readers and pipes: a sentence read
		// out in pieces, or read and then taken back, is noise there.
		// Only a final with text is shown, whole; an empty final takes
		// back pieces this front end never showed.
		return false
	}
	if c.prompted {
		c.print("\n") // leave the prompt's line before the story speaks
		c.prompted = false
	}
	if c.bannered {
		c.print("\n") // the final score and question, after the banner
		c.bannered = false
	}
	switch ev.Kind {
	case tio.KindText:
		c.lastText = ev.Text
		if markup.HasClear(ev.Text) {
			c.clear()
		}
		if s := c.render(ev.Text, c.width()); s != "" {
			c.print(s, "\n")
		}
	case tio.KindNarration:
		// Not lastText: a menu's question is checked against the
		// authored text, which the narration only retells.
		text := "<dim><it>" + narratedMark + ev.Narration.Text + "</it></dim>"
		if s := c.render(text, c.width()); s != "" {
			c.print(s, "\n")
		}
	case tio.KindClear:
		c.clear()
	case tio.KindChoices:
		c.showMenu(ev.Choices)
	case tio.KindImage:
		if ev.Image != nil {
			alt := ev.Image.Alt
			if alt == "" {
				alt = path.Base(ev.Image.Path)
			}
			c.print("[image: ", tio.Printable(alt), "]\n\n")
		}
	case tio.KindEnd:
		title := "The End"
		if ev.Ending != nil && ev.Ending.Title != "" {
			title = markup.Strip(ev.Ending.Title)
		}
		c.print("*** ", title, " ***\n")
		c.bannered = true
		// The player may still undo, restart or restore, at a terminal or
		// from a script, so only the quit ending (or the end of input)
		// ends Run.
		return ev.Ending != nil && ev.Ending.ID == "quit"
	}
	return false
}

func (c *console) clear() {
	if c.opts.Color && c.tty {
		c.print(clearScreen)
		return
	}
	c.print(sceneBreak)
}

// showMenu prints a numbered list; the player answers with a number.
// Long options wrap with a hanging indent so the numbers stand out.
func (c *console) showMenu(ch *tio.Choices) {
	if ch == nil || len(ch.Options) == 0 {
		return
	}
	c.menu = ch
	width := c.width()
	// The driver repeats a question in its menu for a reader who joins
	// late; one who just read it in the text should not read it twice.
	prompt := strings.TrimSpace(markup.Strip(ch.Prompt))
	if prompt != "" && !strings.HasSuffix(strings.TrimSpace(markup.Strip(c.lastText)), prompt) {
		c.print(c.render(ch.Prompt, width))
	}
	for i, o := range ch.Options {
		num := strconv.Itoa(i+1) + ". "
		indent := strings.Repeat(" ", len(num))
		text := strings.TrimSuffix(c.render(o.Text, max(width-len(num), 10)), "\n")
		c.print(num, strings.ReplaceAll(text, "\n", "\n"+indent), "\n")
	}
	c.print("\n")
}

func (c *console) prompt() {
	if !c.editing { // the Terminal draws its own
		c.print(c.opts.Prompt)
	}
	c.prompted = true
	c.bannered = false
}

// echo repeats the line after the prompt when the terminal did not, so a
// transcript reads "> look" and then the reply. A secret line is never
// shown, only the line break its Enter would have made.
func (c *console) echo(line string, secret, hidden bool) {
	switch {
	case secret:
		if c.opts.EchoInput || hidden {
			c.print("\n")
		}
	case c.opts.EchoInput:
		c.print(tio.Printable(line), "\n")
	}
}

// print writes its parts one after the other: what the console prints is
// text and line breaks, with nothing for fmt to format.
func (c *console) print(parts ...string) {
	for _, s := range parts {
		c.w.WriteString(s) // an error is kept in c.out
	}
}
