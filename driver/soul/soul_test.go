package soul

import (
	_ "github.com/tale-if/tale/internal/goldenflag" // accept go test ./... -update
	"strings"
	"testing"
)

var (
	kim    = Who{Name: "Kim", Gender: "f", IsPlayer: true}
	wren   = Who{Name: "Wren", Gender: "f"}
	keeper = Who{Name: "the keeper", Gender: "m"}
	robin  = Who{Name: "Robin", Gender: "n"}
	nobody = Who{}
)

func TestMessages(t *testing.T) {
	tests := []struct {
		verb, adverb       string
		actor, target      Who
		actorS, tgtS, othS string
	}{
		{"smile", "happily", kim, keeper, "You smile happily at the keeper.", "Kim smiles happily at you.", "Kim smiles happily at the keeper."},
		{"smile", "", wren, keeper, "You smile happily at the keeper.", "Wren smiles happily at you.", "Wren smiles happily at the keeper."},
		{"smile", "sad", wren, nobody, "You smile sadly.", "", "Wren smiles sadly."},
		{"wave", "", kim, nobody, "You wave happily.", "", "Kim waves happily."},
		{"frown", "", kim, nobody, "You frown.", "", "Kim frowns."},
		{"hug", "", kim, wren, "You hug Wren warmly.", "Kim hugs you warmly.", "Kim hugs Wren warmly."},
		{"kiss", "", keeper, wren, "You kiss Wren gently.", "The keeper kisses you gently.", "The keeper kisses Wren gently."},
		{"pat", "", kim, keeper, "You pat the keeper on his head.", "Kim pats you on your head.", "Kim pats the keeper on his head."},
		{"pat", "", keeper, wren, "You pat Wren on her head.", "The keeper pats you on your head.", "The keeper pats Wren on her head."},
		{"pat", "", kim, robin, "You pat Robin on their head.", "Kim pats you on your head.", "Kim pats Robin on their head."},
		{"cry", "", kim, keeper, "You cry on the keeper's shoulder.", "Kim cries on your shoulder.", "Kim cries on the keeper's shoulder."},
		{"cry", "", kim, Who{Name: "Jess", Gender: "f"}, "You cry on Jess' shoulder.", "Kim cries on your shoulder.", "Kim cries on Jess' shoulder."},
		{"snap", "", keeper, nobody, "You snap your fingers.", "", "The keeper snaps his fingers."},
		{"shrug", "", wren, nobody, "You shrug.", "", "Wren shrugs."},
		{"shrug", "", wren, keeper, "You shrug.", "", "Wren shrugs."},
		{"bow", "", kim, keeper, "You bow gracefully to the keeper.", "Kim bows gracefully to you.", "Kim bows gracefully to the keeper."},
		{"apologize", "", kim, keeper, "You apologise profusely to the keeper.", "Kim apologises profusely to you.", "Kim apologises profusely to the keeper."},
		{"facepalm", "", keeper, nobody, "You bury your face in your hands.", "", "The keeper buries his face in his hands."},
		{"hug", "", wren, wren, "You hug yourself warmly.", "", "Wren hugs herself warmly."},
		{"pat", "", keeper, keeper, "You pat yourself on your head.", "", "The keeper pats himself on his head."},
		{"cry", "", robin, robin, "You cry on your own shoulder.", "", "Robin cries on their own shoulder."},
		{"hug", "", kim, nobody, "Who do you want to hug?", "", ""},
		{"kiss", "passionately", kim, wren, "You kiss Wren passionately.", "Kim kisses you passionately.", "Kim kisses Wren passionately."},
	}
	for _, tt := range tests {
		a, g, o := Messages(tt.verb, tt.adverb, tt.actor, tt.target)
		if a != tt.actorS || g != tt.tgtS || o != tt.othS {
			t.Errorf("%s %s %s→%s:\n got  %q %q %q\n want %q %q %q", tt.verb, tt.adverb, tt.actor.Name, tt.target.Name,
				a, g, o, tt.actorS, tt.tgtS, tt.othS)
		}
	}
}

// Names reach Messages as markup; a sentence still starts with a capital.
func TestNamesInMarkup(t *testing.T) {
	k := Who{Name: "<living>the keeper</living>", Gender: "m"}
	j := Who{Name: "<player>Jess</player>", Gender: "f", IsPlayer: true}
	_, g, o := Messages("cry", "", k, j)
	if g != "<living>The keeper</living> cries on your shoulder." {
		t.Errorf("to target: %q", g)
	}
	if o != "<living>The keeper</living> cries on <player>Jess</player>' shoulder." {
		t.Errorf("to others: %q", o)
	}
}

func TestUnknownVerbSaysNothing(t *testing.T) {
	if a, g, o := Messages("xyzzy", "", kim, keeper); a+g+o != "" {
		t.Errorf("got %q %q %q", a, g, o)
	}
}

// Every verb must read as English from every side, with or without a
// target: no leftover placeholders, no doubled spaces, a capital and a
// full stop.
func TestEveryVerbRenders(t *testing.T) {
	names := Verbs()
	if len(names) < 50 {
		t.Fatalf("only %d social verbs", len(names))
	}
	for _, name := range names {
		v, ok := Lookup(name)
		if !ok {
			t.Fatalf("Lookup(%q) failed", name)
		}
		for _, target := range []Who{nobody, keeper, wren} {
			a, g, o := Messages(name, "", kim, target)
			for _, s := range []string{a, g, o} {
				if s == "" {
					continue
				}
				if strings.ContainsAny(s, "{}$") || strings.Contains(s, "  ") || !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "?") {
					t.Errorf("%s → %q", name, s)
				}
				if s[0] < 'A' || s[0] > 'Z' {
					t.Errorf("%s → %q: no capital", name, s)
				}
			}
			if target.Name == "" && v.Target != NeedsTarget && (a == "" || o == "") {
				t.Errorf("%s alone: %q %q", name, a, o)
			}
			if target.Name != "" && v.Target != NoTarget && g == "" {
				t.Errorf("%s with target: target hears nothing", name)
			}
		}
	}
}

func TestAdverbs(t *testing.T) {
	if !IsAdverb("happily") || IsAdverb("hap") || IsAdverb("lamp") {
		t.Error("IsAdverb")
	}
	if a, ok := Adverb("hap"); !ok || a != "happily" {
		t.Errorf("Adverb(hap) = %q %v", a, ok)
	}
	if _, ok := Adverb("s"); ok {
		t.Error("Adverb(s) should be ambiguous")
	}
	if a, ok := Adverb("sadly"); !ok || a != "sadly" {
		t.Errorf("Adverb(sadly) = %q %v", a, ok)
	}
	if got := AdverbsWithPrefix("war"); strings.Join(got, " ") != "warily warmly" {
		t.Errorf("AdverbsWithPrefix(war) = %v", got)
	}
	if len(Adverbs()) < 150 {
		t.Errorf("only %d adverbs", len(Adverbs()))
	}
}

func TestLookupAlias(t *testing.T) {
	v, ok := Lookup("apologize")
	if !ok || v.Name != "apologise" {
		t.Errorf("Lookup(apologize) = %+v %v", v, ok)
	}
	if v, _ := Lookup("hug"); v.Target != NeedsTarget {
		t.Error("hug needs a target")
	}
	if v, _ := Lookup("yawn"); v.Target == NeedsTarget {
		t.Error("yawn needs nobody")
	}
}

func TestThirdPerson(t *testing.T) {
	for in, want := range map[string]string{"smile": "smiles", "kiss": "kisses", "cry": "cries", "curtsey": "curtseys", "wish": "wishes", "touch": "touches", "bury": "buries"} {
		if got := ThirdPerson(in); got != want {
			t.Errorf("ThirdPerson(%q) = %q", in, got)
		}
	}
}
