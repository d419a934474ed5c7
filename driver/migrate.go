package driver

import "strings"

// Saves before format 4 kept three things under keys no story can write,
// in maps meant for the story's own: a thing's state in Flags as
// "<id>.<state>" (story flags have no dots), a varying text's place in
// Counters as "~text.<text>.<part>" (no ~ in story counters), and "notify
// off" in Done as "tale notify off" (no spaces in story ids).
const (
	oldTextPrefix = "~text."
	oldNotifyOff  = "tale notify off"
)

// migrateReserved moves those keys to the fields that hold them now, so
// an old save plays on as it was. A state without them is left as it is.
func migrateReserved(st *State) {
	for k, v := range st.Flags {
		if strings.Contains(k, ".") {
			st.Things[k] = v
			delete(st.Flags, k)
		}
	}
	for k, v := range st.Counters {
		if rest, ok := strings.CutPrefix(k, oldTextPrefix); ok {
			st.Texts[rest] = v
			delete(st.Counters, k)
		}
	}
	for k, v := range st.Mine.Counters {
		if rest, ok := strings.CutPrefix(k, oldTextPrefix); ok {
			if st.Mine.Texts == nil {
				st.Mine.Texts = map[string]int{}
			}
			st.Mine.Texts[rest] = v
			delete(st.Mine.Counters, k)
		}
	}
	if st.Done[oldNotifyOff] {
		st.NotifyOff = true
	}
	delete(st.Done, oldNotifyOff)
}
