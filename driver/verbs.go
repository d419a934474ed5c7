package driver

import (
	"github.com/tale-if/tale/driver/parse"
)

// handler carries out one command. It returns nil when the command was
// done (game time passes), a refusal when it could not be (its text is
// shown, no time passes), or another error for a bug.
type handler func(tn *turn, c *parse.Command) error

// verb is one row of the table: what runs, and whether it is out of the
// world (meta: no time passes, and it still works after the story ended).
type verb struct {
	do   handler
	meta bool
}

// verbTable maps the parser's canonical verbs to their handlers; the
// handlers live in one file per family (verbs_*.go). A fresh map per game
// lets a test swap a row without touching other games.
func verbTable() map[string]verb {
	return map[string]verb{
		// looking: verbs_look.go
		parse.Look:      {do: doLook},
		parse.Examine:   {do: doExamine},
		parse.Search:    {do: doSearch},
		parse.LookUnder: {do: reply("", "You find nothing of interest under %s.")},
		parse.Read:      {do: doRead},

		// things: verbs_items.go
		parse.Take:      {do: doTake},
		parse.Drop:      {do: doDrop},
		parse.Put:       {do: doPut},
		parse.Give:      {do: doGive},
		parse.Show:      {do: doShow},
		parse.Inventory: {do: doInventory},

		// doors and boxes: verbs_doors.go
		parse.Open:   {do: doOpen},
		parse.Close:  {do: doClose},
		parse.Lock:   {do: doLock},
		parse.Unlock: {do: doUnlock},

		// moving: verbs_move.go
		parse.Go:       {do: doGo},
		parse.Enter:    {do: doEnter},
		parse.ExitVerb: {do: doExit},
		parse.Climb:    {do: doClimb},
		parse.Flee:     {do: doFlee},

		// people: verbs_talk.go
		parse.Say:    {do: doSay},
		parse.Answer: {do: doSay},
		parse.Ask:    {do: doAsk},
		parse.Tell:   {do: doAsk},
		parse.Talk:   {do: doTalk},
		parse.Yes:    {do: reply("That was a rhetorical question.", "")},
		parse.No:     {do: reply("That was a rhetorical question.", "")},
		parse.Attack: {do: doAttack},

		// the body: verbs_body.go
		parse.Eat:     {do: doEat},
		parse.Drink:   {do: doDrink},
		parse.Wear:    {do: doWear},
		parse.TakeOff: {do: doRemove},
		parse.Wield:   {do: doWield},

		// senses, gestures and gadgets: verbs_senses.go (wait: verbs_info.go)
		parse.Wait:      {do: doWait},
		parse.Listen:    {do: reply("You hear nothing unexpected.", "You hear nothing unexpected from %s.")},
		parse.Smell:     {do: reply("You smell nothing unexpected.", "You smell nothing unexpected about %s.")},
		parse.Touch:     {do: reply("You feel nothing unexpected.", "You feel nothing unexpected about %s.")},
		parse.Taste:     {do: reply("You taste nothing unexpected.", "You taste nothing unexpected about %s.")},
		parse.Sleep:     {do: reply("You aren't feeling especially drowsy.", "")},
		parse.Jump:      {do: reply("You jump on the spot, fruitlessly.", "You would achieve nothing by jumping over %s.")},
		parse.Sing:      {do: reply("Your singing is abominable.", "")},
		parse.Think:     {do: reply("What a good idea.", "")},
		parse.Push:      {do: doManipulate},
		parse.Pull:      {do: doManipulate},
		parse.Turn:      {do: doManipulate},
		parse.SwitchOn:  {do: reply("", "%s cannot be switched on.")},
		parse.SwitchOff: {do: reply("", "%s cannot be switched off.")},

		// out of the world: verbs_meta.go
		parse.Undo:       {do: doUndo, meta: true},
		parse.Save:       {do: doSave, meta: true},
		parse.Restore:    {do: doRestore, meta: true},
		parse.Restart:    {do: doRestart, meta: true},
		parse.Score:      {do: doScore, meta: true},
		parse.Help:       {do: doHelp, meta: true},
		parse.Hint:       {do: doHint, meta: true},
		parse.Verbose:    {do: verbosity("verbose"), meta: true},
		parse.Brief:      {do: verbosity("brief"), meta: true},
		parse.Superbrief: {do: verbosity("superbrief"), meta: true},
		parse.Transcript: {do: doTranscript, meta: true},
		parse.Quit:       {do: doQuit, meta: true},
		parse.Pronouns:   {do: doPronouns, meta: true},
		parse.Map:        {do: doMap, meta: true},
		parse.About:      {do: doAbout, meta: true},
		parse.Exits:      {do: doExits, meta: true},
		parse.Notify:     {do: doNotify, meta: true},
		parse.Saves:      {do: doSaves, meta: true},
	}
}
