package story

import "testing"

func TestNormalizeDirection(t *testing.T) {
	for in, want := range map[string]string{"n": "north", "NE": "northeast", " up ": "up", "d": "down", "in": "in", "southwest": "southwest"} {
		if got, ok := NormalizeDirection(in); !ok || got != want {
			t.Errorf("NormalizeDirection(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "gate", "nn", "north-east"} {
		if got, ok := NormalizeDirection(in); ok {
			t.Errorf("NormalizeDirection(%q) = %q, want not a direction", in, got)
		}
	}
}

func TestOpposite(t *testing.T) {
	for _, d := range Directions {
		if Opposite(Opposite(d)) != d || Opposite(d) == d || Opposite(d) == "" {
			t.Errorf("Opposite(%q) = %q", d, Opposite(d))
		}
	}
	if Opposite("sw") != "northeast" || Opposite("gate") != "" {
		t.Error("Opposite does not take abbreviations or refuses non-directions")
	}
}
