package console

import (
	"bytes"
	"context"
	"errors"
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
	"github.com/tale-if/tale/tio/tiotest"
)

// testTimeout only turns a hang into a failure; no test waits for it.
const testTimeout = 10 * time.Second

const intro = "Welcome to the test.\n\nA <location>Hall</location>."

// newFake is a session playing react, which has already said intro.
func newFake(react func(*tiotest.Session, tio.Input), intro ...tio.Event) *tiotest.Session {
	return newFakeWith(tiotest.Options{React: react}, intro...)
}

func newFakeWith(opts tiotest.Options, intro ...tio.Event) *tiotest.Session {
	opts.Info = tio.StoryInfo{ID: "fake", Name: "Fake"}
	f := tiotest.New(opts)
	f.Emit(intro...)
	return f
}

// game is the fake story every test plays.
func game(f *tiotest.Session, in tio.Input) {
	if in.Kind == tio.InputChoice {
		f.Emit(tiotest.Text("You picked " + markup.Escape(in.ChoiceID) + "."))
		return
	}
	switch in.Line {
	case "look":
		f.Emit(tiotest.Text("You are in the <bright>hall</bright>. Exits: <exit>north</exit>."))
		f.Emit(tiotest.State(tio.State{Location: "Hall", Turns: 1}))
	case "talk":
		f.Emit(tio.Event{Kind: tio.KindChoices, Choices: &tio.Choices{
			Prompt:  "What do you say?",
			Options: []tio.Choice{{ID: "key", Text: "Ask about the key"}, {ID: "bye", Text: "Say goodbye"}},
		}})
	case "password":
		f.Emit(tiotest.Text("The guard waits for the word."))
		f.Emit(tio.Event{Kind: tio.KindNoEcho})
	case "swordfish":
		f.Emit(tiotest.Text("The guard steps aside."))
	case "win":
		f.Emit(tiotest.Text("You found the treasure!"))
		f.Emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "won", Title: "You have won", Won: true}})
	case "drown": // in the driver's order: the words, the ending, the score and question
		f.Emit(tiotest.Text("The pond is deeper than it looks."))
		f.Emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "drowned", Title: "Drowned"}})
		f.Emit(tiotest.Text("You scored 0 out of 5, in 2 turns.\n\nWould you like to <bright>RESTART</bright> or <bright>QUIT</bright>?"))
	case "quit":
		f.Emit(tiotest.Text("Goodbye."))
		f.Close()
	case "wait":
		for i := range 10 {
			f.Emit(tiotest.Text("Time passes. (" + string(rune('0'+i)) + ")"))
		}
	case "dark":
		f.Emit(tio.Event{Kind: tio.KindClear})
		f.Emit(tio.Event{Kind: tio.KindImage, Image: &tio.Image{Path: "img/cave.png", Alt: "A dark cave"}})
		f.Emit(tiotest.Text("It is dark."))
	case "long":
		f.Emit(tiotest.Text(strings.Repeat("The wind howls through the ancient trees of the forest. ", 6)))
	default:
		f.Emit(tiotest.Text("I don't understand \"" + markup.Escape(in.Line) + "\"."))
	}
}

func play(t *testing.T, f *tiotest.Session, input string, opts Options) string {
	t.Helper()
	return play2(t, f, strings.NewReader(input), opts)
}

func play2(t *testing.T, f *tiotest.Session, in io.Reader, opts Options) string {
	t.Helper()
	var out bytes.Buffer
	if err := runWithin(t, f, in, &out, opts); err != nil {
		t.Fatalf("Run: %v\noutput so far:\n%s", err, out.String())
	}
	return out.String()
}

func runWithin(t *testing.T, f *tiotest.Session, in io.Reader, out io.Writer, opts Options) error {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), testTimeout)
	defer cancel()
	err := Run(ctx, f, in, out, opts)
	if errors.Is(err, context.DeadlineExceeded) {
		t.Fatal("Run hung")
	}
	return err
}

func TestPipedTranscript(t *testing.T) {
	f := newFake(game, tiotest.Text(intro))
	got := play(t, f, "look\nxyzzy <b>\n", Options{EchoInput: true})
	want := `Welcome to the test.

A Hall.

> look
You are in the hall. Exits: north.

> xyzzy <b>
I don't understand "xyzzy <b>".

> 
`
	if got != want {
		t.Errorf("transcript:\n%s\nwant:\n%s", got, want)
	}
	if in := f.Sent(); len(in) != 2 || in[1] != tio.Line("xyzzy <b>") {
		t.Errorf("sent %q", in)
	}
}

func TestChoicesByNumber(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "talk\n2\ntalk\n9\ntalk\nlook\n1\n", Options{EchoInput: true})
	want := `> talk
What do you say?
1. Ask about the key
2. Say goodbye

> 2
You picked bye.

`
	if !strings.HasPrefix(got, want) {
		t.Errorf("transcript:\n%s\nwant it to start with:\n%s", got, want)
	}
	sent := f.Sent()
	wantSent := []tio.Input{
		tio.Line("talk"), tio.Pick("bye"),
		tio.Line("talk"), tio.Line("9"), // no such option: a command
		tio.Line("talk"), tio.Line("look"), tio.Line("1"), // another command closed the menu
	}
	if len(sent) != len(wantSent) {
		t.Fatalf("sent %q, want %q", sent, wantSent)
	}
	for i := range sent {
		if sent[i] != wantSent[i] {
			t.Errorf("input %d = %+v, want %+v", i, sent[i], wantSent[i])
		}
	}
}

// TestEOFWaitsForReply: the game answers only after the input has ended,
// and the reply is still printed before Run returns.
func TestEOFWaitsForReply(t *testing.T) {
	in := &eofSignal{r: strings.NewReader("look"), eof: make(chan struct{})}
	f := newFake(func(f *tiotest.Session, input tio.Input) {
		<-in.eof // the game is busy until the input has run dry
		game(f, input)
	})
	got := play2(t, f, in, Options{EchoInput: true})
	if !strings.Contains(got, "> look\nYou are in the hall.") {
		t.Errorf("reply to the last command missing:\n%s", got)
	}
}

// eofSignal closes eof when its reader reports the end of input.
type eofSignal struct {
	r    io.Reader
	eof  chan struct{}
	once sync.Once
}

func (e *eofSignal) Read(p []byte) (int, error) {
	n, err := e.r.Read(p)
	if err == io.EOF {
		e.once.Do(func() { close(e.eof) })
	}
	return n, err
}

func TestHugeGarbageLine(t *testing.T) {
	f := newFake(game)
	garbage := strings.Repeat("\xff\x00x\x1b[31m", 1<<20/8)
	got := play(t, f, garbage+"\r\nlook\r\n", Options{EchoInput: true})
	sent := f.Sent()
	if len(sent) != 2 {
		t.Fatalf("sent %d inputs, want 2", len(sent))
	}
	if n := len(sent[0].Line); n > tio.MaxLineBytes || n == 0 {
		t.Errorf("garbage line reached the game with %d bytes", n)
	}
	if sent[1] != tio.Line("look") {
		t.Errorf("line after the garbage = %q, want look", sent[1].Line)
	}
	if !strings.Contains(got, "I don't understand") || !strings.Contains(got, "You are in the hall.") {
		t.Errorf("missing replies:\n%.500s", got)
	}
	if strings.Contains(got, "\x1b") {
		t.Error("escape codes from the input reached the output")
	}
}

func TestLongLinesWrap(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "long\n", Options{Width: 30})
	for _, line := range strings.Split(got, "\n") {
		if w := ansi.StringWidth(line); w > 30 {
			t.Errorf("line %q is %d wide, want at most 30", line, w)
		}
	}
	if strings.Count(got, "howls") != 6 {
		t.Errorf("words lost in wrapping:\n%s", got)
	}
}

// TestEvictionResumes: a subscriber cut off in the middle of a reply picks
// up exactly where it left off.
func TestEvictionResumes(t *testing.T) {
	// The intro is 1; "wait" publishes 2…11.
	f := newFakeWith(tiotest.Options{React: game, EvictAt: 4}, tiotest.Text(intro))
	got := play(t, f, "wait\nlook\n", Options{EchoInput: true})
	for i := range 10 {
		line := "Time passes. (" + string(rune('0'+i)) + ")"
		if n := strings.Count(got, line); n != 1 {
			t.Errorf("%q shown %d times, want once:\n%s", line, n, got)
		}
	}
	if !strings.Contains(got, "> look\nYou are in the hall.") {
		t.Errorf("reply after resuming missing:\n%s", got)
	}
	if n := f.Subscriptions(); n != 2 {
		t.Errorf("%d subscriptions, want 2 (one resubscribe)", n)
	}
}

// TestSlowReaderLosesNothing: with room for one event only, the console
// is evicted whenever the game runs ahead, and still shows every event
// once and in order.
func TestSlowReaderLosesNothing(t *testing.T) {
	f := newFakeWith(tiotest.Options{React: game, SubBuffer: 1})
	got := play(t, f, "wait\nwait\n", Options{})
	at := 0
	for range 2 {
		for i := range 10 {
			line := "Time passes. (" + string(rune('0'+i)) + ")"
			j := strings.Index(got[at:], line)
			if j < 0 {
				t.Fatalf("%q missing or out of order:\n%s", line, got)
			}
			at += j + len(line)
		}
	}
	if strings.Count(got, "Time passes.") != 20 {
		t.Errorf("events doubled:\n%s", got)
	}
}

func TestNoColourCodes(t *testing.T) {
	f := newFake(game, tiotest.Text(intro))
	got := play(t, f, "look\ndark\ntalk\n", Options{Color: false, EchoInput: true})
	if strings.Contains(got, "\x1b") {
		t.Errorf("escape codes without colour: %q", got)
	}
}

func TestColour(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "look\n", Options{Color: true})
	if !strings.Contains(got, "\x1b[1mhall\x1b[0m") {
		t.Errorf("no bold for <bright>: %q", got)
	}
	// Not a terminal: no clearing the screen, even with colour.
	f = newFake(game)
	if got := play(t, f, "dark\n", Options{Color: true}); strings.Contains(got, "\x1b[2J") {
		t.Errorf("cleared a screen that is not there: %q", got)
	}
}

func TestClearAndImage(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "dark\n", Options{EchoInput: true})
	want := "> dark\n* * *\n\n[image: A dark cave]\n\nIt is dark.\n\n> \n"
	if got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

func TestSecretLineNeverShown(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "password\nswordfish\nlook\n", Options{EchoInput: true})
	if strings.Contains(got, "swordfish") {
		t.Errorf("the password was echoed:\n%s", got)
	}
	if !strings.Contains(got, "The guard steps aside.\n\n> look\n") {
		t.Errorf("the password did not reach the game, or echo stayed off:\n%s", got)
	}
}

// Piped input after an ending is still played (an undo in a test
// script); Run ends at the end of input.
func TestEndingKeepsReadingWhileInputFollows(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "win\nlook\n", Options{EchoInput: true})
	if !strings.Contains(got, "You found the treasure!\n\n*** You have won ***\n> look\nYou are in the hall.") {
		t.Errorf("the line after the ending got no reply:\n%s", got)
	}
	if n := len(f.Sent()); n != 2 {
		t.Errorf("%d inputs sent, want win and look", n)
	}
}

func TestQuitEndsRun(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "quit\nlook\n", Options{EchoInput: true})
	if !strings.HasSuffix(got, "> quit\nGoodbye.\n\n") {
		t.Errorf("output after quit:\n%s", got)
	}
}

func TestSessionClosedWhileWaiting(t *testing.T) {
	f := newFake(game)
	in, w := io.Pipe()
	defer w.Close()
	errc := make(chan error, 1)
	var out bytes.Buffer
	go func() { errc <- runWithin(t, f, in, &out, Options{}) }()
	f.Close()
	if err := <-errc; err != nil {
		t.Errorf("Run = %v, want nil when the session closes", err)
	}
}

func TestCancel(t *testing.T) {
	f := newFake(game)
	in, w := io.Pipe()
	defer w.Close()
	ctx, cancel := context.WithCancel(context.Background())
	errc := make(chan error, 1)
	go func() { errc <- Run(ctx, f, in, io.Discard, Options{}) }()
	cancel()
	select {
	case err := <-errc:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("Run = %v, want context.Canceled", err)
		}
	case <-time.After(testTimeout):
		t.Fatal("Run ignored the cancelled context")
	}
}

// TestStoryInterrupts: something that happens while the player is typing
// appears on its own lines, and the prompt comes back under it.
func TestStoryInterrupts(t *testing.T) {
	f := newFake(game)
	in, w := io.Pipe()
	var out syncBuffer
	errc := make(chan error, 1)
	go func() { errc <- runWithin(t, f, in, &out, Options{}) }()
	waitOutput(t, &out, "> ")
	f.Emit(tiotest.Text("A bell rings."))
	waitOutput(t, &out, "> \nA bell rings.\n\n> ")
	w.Close()
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

func TestWriteErrorReturned(t *testing.T) {
	f := newFake(game, tiotest.Text(intro))
	err := runWithin(t, f, strings.NewReader("look\n"), failingWriter{}, Options{})
	if !errors.Is(err, errBrokenPipe) {
		t.Errorf("Run = %v, want the write error", err)
	}
}

var errBrokenPipe = errors.New("broken pipe")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errBrokenPipe }

// syncBuffer is an output that a test can watch while Run writes to it.
type syncBuffer struct {
	mu      sync.Mutex
	buf     bytes.Buffer
	changed chan struct{}
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.changed != nil {
		close(b.changed)
		b.changed = nil
	}
	return b.buf.Write(p)
}

// waitOutput waits until the output ends with want.
func waitOutput(t *testing.T, b *syncBuffer, want string) {
	t.Helper()
	if !outputEndsWith(b, want, testTimeout) {
		b.mu.Lock()
		defer b.mu.Unlock()
		t.Fatalf("output %q never ended with %q", b.buf.String(), want)
	}
}

// outputEndsWith waits until the output ends with want, or reports false
// once within has passed (a hang, not a figure).
func outputEndsWith(b *syncBuffer, want string, within time.Duration) bool {
	timeout := time.After(within)
	for {
		b.mu.Lock()
		if strings.HasSuffix(b.buf.String(), want) {
			b.mu.Unlock()
			return true
		}
		if b.changed == nil {
			b.changed = make(chan struct{})
		}
		changed := b.changed
		b.mu.Unlock()
		select {
		case <-changed:
		case <-timeout:
			return false
		}
	}
}

// The ending's banner stands under the ending's words, and the final
// score and the question of what now come after it, just above the
// prompt that answers it.
func TestEndingBannerBeforeTheQuestion(t *testing.T) {
	got := play(t, newFake(game), "drown\nundo\n", Options{EchoInput: true})
	want := "> drown\nThe pond is deeper than it looks.\n\n*** Drowned ***\n\n" +
		"You scored 0 out of 5, in 2 turns.\n\nWould you like to RESTART or QUIT?\n\n> undo\n"
	if !strings.Contains(got, want) {
		t.Errorf("got\n%s\nwant it to hold\n%s", got, want)
	}
}

func TestInteractiveKeepsReadingAfterTheEnding(t *testing.T) {
	f := newFake(game)
	got := play(t, f, "win\nundo\nlook\n", Options{EchoInput: true})
	if !strings.Contains(got, "You found the treasure!\n\n*** You have won ***\n> undo\n") {
		t.Errorf("no prompt after the ending:\n%s", got)
	}
	if !strings.Contains(got, "> look\nYou are in the hall.") {
		t.Errorf("the line after the ending got no reply:\n%s", got)
	}
	if in := f.Sent(); len(in) != 3 || in[1] != tio.Line("undo") {
		t.Errorf("sent %q, want win, undo and look", in)
	}
}

func TestInteractiveQuitEndsRunAtOnce(t *testing.T) {
	// The driver ends a quit with an ending of ID "quit" and then closes.
	quit := func(f *tiotest.Session, in tio.Input) {
		if in.Line == "quit" {
			f.Emit(tiotest.Text("Goodbye."))
			f.Emit(tio.Event{Kind: tio.KindEnd, Ending: &tio.Ending{ID: "quit", Title: "Quit"}})
			return // even before the session closes, Run is done
		}
		game(f, in)
	}
	f := newFake(quit)
	got := play(t, f, "quit\nlook\n", Options{EchoInput: true})
	if !strings.HasSuffix(got, "> quit\nGoodbye.\n\n*** Quit ***\n") {
		t.Errorf("output after quit:\n%s", got)
	}
	if n := len(f.Sent()); n != 1 {
		t.Errorf("%d inputs sent, want none after quit", n)
	}
}

// The driver asks its question in the text and again as the menu's
// prompt (for a reader who joins late): a console player reads it once.
func TestQuestionInTextAndMenuPrintsOnce(t *testing.T) {
	ask := func(f *tiotest.Session, in tio.Input) {
		if in.Line == "quit" {
			f.Emit(tiotest.Text("Are you sure you want to quit?"), tio.Event{Kind: tio.KindChoices, Choices: &tio.Choices{
				Prompt: "Are you sure you want to quit?", Options: []tio.Choice{{ID: "yes", Text: "Yes"}, {ID: "no", Text: "No"}}}})
			return
		}
		game(f, in)
	}
	got := play(t, newFake(ask), "quit\n", Options{EchoInput: true})
	if n := strings.Count(got, "Are you sure you want to quit?"); n != 1 {
		t.Errorf("the question printed %d times:\n%s", n, got)
	}
	if !strings.Contains(got, "1. Yes\n2. No\n") {
		t.Errorf("the menu is gone:\n%s", got)
	}
}
