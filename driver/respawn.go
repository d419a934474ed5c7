package driver

// In a shared world death is not an ending: the others play on, and a
// player who had to type quit and join again would only lose their name
// and level. As in most MUDs, the fallen wake at once at the story's
// respawn: location (its start when it names none) with full hit points;
// what they carried stays where they fell, for them or anyone to fetch,
// and both rooms are told. Waking at once needs no timer in the world
// and cannot be waited out by a foe at the start. IF mode keeps death an
// ending (undo and restart are there).

// msgWake is what a fallen player reads before the look where they wake.
const msgWake = "Everything goes dark.<br>…<br>You wake with a start, whole again. What you carried lies where you fell."

// respawn revives the turn's player after a fatal blow.
func (tn *turn) respawn() {
	p := tn.player
	fell := tn.st.Location
	dropped := tn.dropAll(p)
	tn.st.Worn = map[string]bool{}
	tn.st.Wielded = ""
	tn.st.Menu = nil
	tn.st.HP = tn.st.MaxHP
	text := p.the() + " falls, and fades from sight."
	if len(dropped) > 0 {
		names := make([]string, len(dropped))
		for i, it := range dropped {
			names[i] = aItem(it)
		}
		text += " " + capital(listAnd(names)) + " " + isAreN(len(dropped), dropped[0]) + " left where " + p.the() + " fell."
	}
	tn.tellAt(fell, text, p)
	tn.st.Location = tn.respawnAt()
	tn.say("You fall. " + msgWake)
	tn.say(tn.describe(true))
	tn.writablePlayer(cpVisited).Visited[tn.st.Location] = true
	tn.tellOthers(p.the() + " appears, pale and shaken.")
}

// respawnAt is where the fallen wake: the story's respawn, else its start.
func (tn *turn) respawnAt() string {
	if r := tn.story.Config.Respawn; tn.story.Locations[r] != nil {
		return r
	}
	return tn.story.Config.Start
}

// strikesGoOn says whether foes may go on striking the turn's player
// where they stood at from: not after the story ended for them, nor
// once they have fallen and woken elsewhere.
func (tn *turn) strikesGoOn(from string) bool {
	return tn.st.Ended == "" && tn.st.Location == from
}
