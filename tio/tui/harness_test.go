package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/tiotest"
)

// harness drives a model by hand, the way Bubble Tea would, but with the
// test deciding when to look: settle runs Cmds until the only one left is
// the event waiter and every event the fake emitted, the replies to every
// command sent included, has been handled.
type harness struct {
	t           testing.TB
	f           *tiotest.Session
	m           *model
	msgs        chan tea.Msg
	outstanding int
	quit        bool
}

// hangGuard turns a model that never settles into a failure instead of a
// test binary that hangs; it is not a speed requirement.
const hangGuard = 20 * time.Second

func newHarness(t testing.TB, f *tiotest.Session, opts Options, w, h int) *harness {
	t.Helper()
	d := &harness{t: t, f: f, m: testModel(t, f, opts), msgs: make(chan tea.Msg, 16)}
	d.send(tea.WindowSizeMsg{Width: w, Height: h})
	d.start(d.m.Init())
	d.settle()
	t.Cleanup(func() { d.m.finish() })
	return d
}

func (d *harness) start(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	d.outstanding++
	go func() { d.msgs <- cmd() }()
}

func (d *harness) handle(msg tea.Msg) {
	switch msg := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range msg {
			d.start(c)
		}
	case tea.QuitMsg:
		d.quit = true
	default:
		_, cmd := d.m.Update(msg)
		d.start(cmd)
	}
}

func (d *harness) settle() {
	d.t.Helper()
	for !d.quit && d.outstanding > 0 && !d.idle() {
		select {
		case msg := <-d.msgs:
			d.outstanding--
			d.handle(msg)
		case <-time.After(hangGuard):
			d.t.Fatalf("model did not settle; screen:\n%s", d.screen())
		}
	}
}

// idle says whether only the event waiter is left and it has delivered
// everything. Send does not wait for the game, so Sync first lets the
// fake answer every command already sent.
func (d *harness) idle() bool {
	if d.outstanding != 1 || d.m.sub == nil || !d.f.Live(d.m.sub) {
		return false
	}
	end, _ := tio.ReplyEnd(context.Background(), d.f)
	return d.m.lastSeq == end
}

// send delivers msg as if from Bubble Tea and lets the consequences play out.
func (d *harness) send(msg tea.Msg) {
	d.t.Helper()
	d.handle(msg)
	d.settle()
}

func (d *harness) typeText(s string) {
	d.t.Helper()
	for _, r := range s {
		d.send(tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune{r}})
	}
}

func (d *harness) press(k tea.KeyType) {
	d.t.Helper()
	d.send(tea.KeyMsg{Type: k})
}

// command types a line and sends it.
func (d *harness) command(s string) {
	d.t.Helper()
	d.typeText(s)
	d.press(tea.KeyEnter)
}

// screen is what the player sees, colours stripped.
func (d *harness) screen() string { return ansi.Strip(d.m.View()) }

func (d *harness) mustSee(want string) {
	d.t.Helper()
	if s := d.screen(); !strings.Contains(s, want) {
		d.t.Fatalf("screen lacks %q:\n%s", want, s)
	}
}

func (d *harness) mustNotSee(unwanted string) {
	d.t.Helper()
	if s := d.screen(); strings.Contains(s, unwanted) {
		d.t.Fatalf("screen shows %q:\n%s", unwanted, s)
	}
}

// storyText is every line of the scrollback (not just the visible part),
// colours stripped, in order.
func (d *harness) storyText() string {
	return ansi.Strip(strings.Join(d.m.sb.lines, "\n"))
}
