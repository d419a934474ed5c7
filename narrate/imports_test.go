package narrate_test

import (
	"os/exec"
	"strings"
	"testing"
)

// The driver imports this package, and the driver must not carry an HTTP
// client: the model is reached only through the Backend interface.
func TestNoNetworkImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	for _, dep := range strings.Fields(string(out)) {
		if dep == "net/http" || dep == "github.com/tale-if/tale/llm" {
			t.Errorf("narrate depends on %s", dep)
		}
	}
}
