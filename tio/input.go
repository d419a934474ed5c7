package tio

// InputKind says what an Input carries.
type InputKind uint8

const (
	// InputLine is a command line exactly as the player typed it.
	InputLine InputKind = iota + 1
	// InputChoice picks an option (by Choice.ID) from the last menu.
	InputChoice
)

// Input is what a front end sends into a session.
type Input struct {
	Kind     InputKind
	Line     string // InputLine
	ChoiceID string // InputChoice
}

// Line is shorthand for a typed command.
func Line(s string) Input { return Input{Kind: InputLine, Line: s} }

// Pick is shorthand for choosing a menu option.
func Pick(id string) Input { return Input{Kind: InputChoice, ChoiceID: id} }

// MaxLineBytes bounds one input line. A longer line is cut here, before it
// reaches the parser, so a megabyte of garbage costs no more than a page.
const MaxLineBytes = 4096

// Clean is in with its line and choice id passed through [CleanLine]. A
// session applies it to everything sent in, the one door every front end
// passes through, so no player's control characters reach the game, the
// other players or a file.
func (in Input) Clean() Input {
	in.Line, in.ChoiceID = CleanLine(in.Line), CleanLine(in.ChoiceID)
	return in
}
