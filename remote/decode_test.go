package remote

import (
	"strings"
	"testing"

	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

var messageSeeds = []string{
	`{"type":"connected","session":"Q6ZKD4V3XW5J2M7RNB4TPL6YHA","seq":12,"story":{"name":"Gull Rock","version":"1.0"},"mode":"if"}`,
	`{"type":"text","text":"<p><span class=\"txt-location\">The Slipway</span></p>\n<p>Boats …</p>","special":[],"turns":3,"location":"The Slipway","location_image":"/tale/images/pics/slip%20way.png","npcs":"Maud,the gull","items":"rope,lamp","exits":"north,up","inventory":"key","score":5,"max_score":20,"clock":"08:15","seq":13}`,
	`{"type":"text","text":"","special":["clear","noecho","end"],"ending":{"id":"won","title":"The Light \u001b[2JHolds","won":true},"seq":14}`,
	`{"type":"choices","prompt":"What <b>do</b> you say?\u0007","choices":[{"choice_id":"1","choice_text":"Ask \u202eabout"},{"choice_id":"2\n","choice_text":"Bye"}],"seq":15}`,
	`{"type":"data","data":"iVBORw0KGgo=","mime":"image/png","url":"/tale/images/pics/map.png","alt":"a map\u009b","seq":16}`,
	`{"type":"completions","prefix":"lo","candidates":["look","look\u001b]52;c;x\u0007"]}`,
	`{"type":"message_error","status":"error","error":"The message is not a JSON object."}`,
	`{"type":"pong"}`, `{"type":"who-knows","seq":"x"}`, `[]`, `{"type":1}`, `{`, "\xff\xfe", "",
	`{"type":"text","seq":18446744073709551615,"text":"<script>x</script>","special":["clear"]}`,
	`{"type":"text","npcs":"` + strings.Repeat("a,", 5000) + `"}`,
	`{"type":"text","text":"Dust &amp;lt; turns <br><br>in <script>\u001b[2J","special":["narration"],"narration":{"id":4,"final":false,"of":"room\u0007"},"seq":19}`,
	`{"type":"text","text":"<p>Dust.</p>\n<p>Light.</p>","special":["narration"],"narration":{"id":4,"final":true,"of":"room"},"seq":20}`,
	`{"type":"text","text":"<p>x</p>","special":["narration"],"seq":21}`,
	`{"type":"text","text":"<p>North.</p>","special":["clear","state","noecho","end"],"location":"North Room\u001b[2J","exits":"south","seq":22}`,
}

// FuzzServerMessage: whatever a hostile server sends, the decoder does
// not panic, drops what is not a message, and what it keeps is bounded
// and carries no control character to the screen.
func FuzzServerMessage(f *testing.F) {
	for _, s := range messageSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := decodeMessage(b)
		if err != nil {
			return
		}
		for _, snapshot := range []bool{false, true} {
			evs := m.events("story", snapshot)
			if len(evs) > 5 {
				t.Fatalf("%d events from one message %q", len(evs), b)
			}
			for _, ev := range evs {
				checkEvent(t, ev, b)
			}
		}
		c := m.completions()
		if len(c) > maxCandidates {
			t.Fatalf("%d completions", len(c))
		}
		for _, s := range c {
			if s != tio.CleanLine(s) {
				t.Fatalf("completion %q is not clean", s)
			}
		}
	})
}

func checkEvent(t *testing.T, ev tio.Event, b []byte) {
	t.Helper()
	printable := func(what, s string) {
		if s != tio.Printable(s) || len(s) > maxField+4 {
			t.Fatalf("%s %q from %q: not one printable bounded line", what, s, b)
		}
	}
	switch ev.Kind {
	case tio.KindText:
		if strings.ContainsFunc(markup.Plain(ev.Text, 80), func(r rune) bool { return r != '\n' && tio.IsControl(r) }) {
			t.Fatalf("control character on screen from %q", b)
		}
	case tio.KindState:
		st := ev.State
		for _, s := range append([]string{st.Location, st.LocationImage, st.Clock}, append(append(st.Exits, st.Items...), append(st.NPCs, st.Inventory...)...)...) {
			printable("state field", s)
		}
		if len(st.NPCs) > maxListItems || len(st.Items) > maxListItems {
			t.Fatalf("a list of %d", max(len(st.NPCs), len(st.Items)))
		}
	case tio.KindChoices:
		if len(ev.Choices.Options) > maxChoices {
			t.Fatalf("a menu of %d", len(ev.Choices.Options))
		}
		printable("prompt", markup.Strip(ev.Choices.Prompt))
		for _, o := range ev.Choices.Options {
			printable("choice id", o.ID)
			printable("choice", markup.Strip(o.Text))
		}
	case tio.KindNarration:
		if strings.ContainsFunc(markup.Plain(ev.Narration.Text, 80), func(r rune) bool { return r != '\n' && tio.IsControl(r) }) {
			t.Fatalf("control character on screen from %q", b)
		}
		printable("narration of", ev.Narration.Of)
	case tio.KindEnd:
		printable("ending", ev.Ending.Title)
	case tio.KindImage:
		printable("alt", ev.Image.Alt)
		printable("path", ev.Image.Path)
	}
}

// The events a message stands for, as web/render.go writes them.
func TestMessageEvents(t *testing.T) {
	decode := func(s string) serverMsg {
		m, err := decodeMessage([]byte(s))
		if err != nil {
			t.Fatalf("%s: %v", s, err)
		}
		return m
	}
	kinds := func(evs []tio.Event) string {
		var k []string
		for _, ev := range evs {
			k = append(k, ev.Kind.String())
		}
		return strings.Join(k, ",")
	}
	for _, c := range []struct {
		msg      string
		snapshot bool
		want     string
	}{
		{`{"type":"text","text":"","special":[],"location":"Hall","seq":3}`, false, "state"},
		{`{"type":"text","text":"<p>Hi</p>","special":[],"location":"Hall","seq":3}`, false, "text"},
		{`{"type":"text","text":"","special":["clear"],"seq":3}`, false, "clear"},
		{`{"type":"text","text":"<p>x</p>","special":["clear"],"seq":3}`, false, "text"},
		{`{"type":"text","text":"","special":["noecho"],"seq":3}`, false, "noecho"},
		{`{"type":"text","text":"","special":["end"],"ending":{"id":"w","title":"Won","won":true},"seq":3}`, false, "end"},
		{`{"type":"text","text":"<p>look</p>","special":["clear"],"seq":3}`, true, "clear,text,state"},
		{`{"type":"text","text":"<p>look</p>","special":[],"seq":3}`, true, "text,state"},
		{`{"type":"choices","prompt":"?","choices":[],"seq":3}`, false, "choices"},
		{`{"type":"data","url":"/tale/images/a.png","seq":3}`, false, "image"},
		{`{"type":"who-knows","seq":3}`, false, ""},
		{`{"type":"text","text":"a ","special":["narration"],"narration":{"id":1,"final":false,"of":"room"},"location":"Hall","seq":3}`, false, "narration"},
		{`{"type":"text","text":"","special":["narration"],"narration":{"id":1,"final":true,"of":"room"},"seq":3}`, false, "narration"},
		{`{"type":"text","text":"<p>a</p>","special":["narration"],"seq":3}`, false, ""},
		// Folded (?fold=1, web/fold.go): the state that led the text, then the text.
		{`{"type":"text","text":"<p>You go north.</p>","special":["state"],"location":"North Room","seq":4}`, false, "state,text"},
		{`{"type":"text","text":"<p>Anew.</p>","special":["clear","state"],"location":"Hall","seq":4}`, false, "state,text"},
		{`{"type":"text","text":"<p>look</p>","special":["state"],"seq":3}`, true, "text,state"},
	} {
		m := decode(c.msg)
		if got := kinds(m.events("Gull Rock", c.snapshot)); got != c.want {
			t.Errorf("%s (snapshot %v): %s, want %s", c.msg, c.snapshot, got, c.want)
		}
	}
	m := decode(`{"type":"text","text":"<p>x</p>","special":["clear"],"seq":3}`)
	evs := m.events("", false)
	if !markup.HasClear(evs[0].Text) {
		t.Errorf("a text with clear lost it: %q", evs[0].Text)
	}
	m = decode(`{"type":"text","text":"","location_image":"/tale/images/pics/slip%20way.png","exits":"north,up","players":"ann,bob","seq":1}`)
	st := m.events("S", false)[0].State
	if st.LocationImage != "pics/slip way.png" || strings.Join(st.Exits, "|") != "north|up" || len(st.Players) != 2 || st.Story != "S" {
		t.Errorf("state %+v", st)
	}
	m = decode(`{"type":"text","text":"<p>You go north.</p>","special":["state"],"location":"North Room","exits":"south","turns":4,"seq":4}`)
	evs = m.events("S", false)
	if st := evs[0].State; st.Location != "North Room" || strings.Join(st.Exits, "|") != "south" || st.Turns != 4 {
		t.Errorf("folded state %+v, want the message's fields", st)
	}
	if evs[1].Text != "You go north." {
		t.Errorf("folded text %q", evs[1].Text)
	}
}
