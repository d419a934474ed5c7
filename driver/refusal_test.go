package driver

import (
	"errors"
	"fmt"
	"testing"
)

// asRefusal finds a refusal wherever errors.As would: alone, wrapped,
// joined, and nowhere else.
func TestAsRefusalIsErrorsAs(t *testing.T) {
	r := refusal("The door is locked.")
	for _, err := range []error{nil, r, fmt.Errorf("opening: %w", r), errors.Join(errors.New("other"), r),
		errors.New("broken"), fmt.Errorf("a: %w", errors.New("b")), errors.Join(errors.New("x"))} {
		var want refusal
		wantOK := errors.As(err, &want)
		got, ok := asRefusal(err)
		if ok != wantOK || got != want {
			t.Errorf("%v: asRefusal says %q, %v; errors.As %q, %v", err, got, ok, want, wantOK)
		}
	}
}
