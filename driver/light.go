package driver

import "github.com/tale-if/tale/story"

// Light: a location written dark: true is lit only by a lit item there:
// on the floor, carried by anyone in it (another player's lamp lights the
// room for everyone there), carried by an npc in it, or inside something
// there that shows its contents. In the dark the player sees only what
// they carry and can still go back the way they came.

// darkText is what a dark place looks like.
const darkText = "It is pitch dark, and you can't see a thing."

// nowDark is said when the light goes out.
const nowDark = "It is now pitch dark in here!"

// darkName is the heading of a dark place: its name is not seen either.
const darkName = "Darkness"

// litPlace says whether a location has light to see by.
func (tn *turn) litPlace(loc string) bool {
	l := tn.story.Locations[loc]
	if l == nil || !l.Dark {
		return true
	}
	for _, id := range tn.story.Order.Items {
		if tn.story.Items[id].LightSource || tn.story.Items[id].Lit {
			if tn.boolState(id, story.StateLit) && tn.shinesIn(id) == loc {
				return true
			}
		}
	}
	return false
}

// shinesIn is the location an item's light reaches, or "": where it
// finally lies, through things that show their contents, whoever holds it.
func (tn *turn) shinesIn(id string) string {
	for range 64 { // containers nest; the bound guards a cycle in bad data
		at := tn.st.Items[id]
		switch {
		case tn.story.Locations[at] != nil:
			return at
		case at == tn.holder:
			return tn.st.Location
		case isHolder(at):
			if p := tn.holderPlayer(at); p != nil {
				return tn.locOf(p)
			}
			return ""
		case tn.story.NPCs[at] != nil:
			return tn.st.NPCs[at]
		case tn.story.Items[at] != nil && tn.seeInside(at):
			id = at
		default:
			return ""
		}
	}
	return ""
}

// dark says the player's location has no light.
func (tn *turn) dark() bool { return !tn.litPlace(tn.st.Location) }

// lightHere is whether the player can see, for lightChanged; a world turn
// (a timed event) has no player to see anything.
func (tn *turn) lightHere() bool { return tn.st.PlayerState == nil || !tn.dark() }

// lightChanged tells the player the room went dark, or shows it when the
// light came back, after an effect changed a light.
func (tn *turn) lightChanged(before bool) {
	if tn.st.PlayerState == nil {
		return
	}
	switch after := tn.lightHere(); {
	case before && !after:
		tn.say(nowDark)
		tn.tellAt(tn.st.Location, nowDark, tn.player) // the others here saw by it too
	case !before && after:
		tn.say(tn.describe(true))
		tn.writablePlayer(cpVisited).Visited[tn.st.Location] = true
	}
}
