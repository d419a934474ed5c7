package driver

import "strings"

// isHolder reports whether an Items value means "held by a player": a
// holder id, or the bare "player" of a save from before format 3.
func isHolder(at string) bool { return at == atPlayer || strings.HasPrefix(at, holderPrefix) }

// takeHeld gives the acting player everything a restored save has in a
// player's hands. A save holds one player's game (restore is an IF
// command), so whoever held it then, it is this player's now; that also
// migrates the bare "player" of formats 1 and 2.
func (tn *turn) takeHeld(st *State) {
	for id, at := range st.Items {
		if isHolder(at) {
			st.Items[id] = tn.holder
		}
	}
}
