// Package parse turns what a player types into commands for the driver:
// the grammar IF players expect (Inform and TADS conventions), with
// pronouns, "all", disambiguation questions, "again" and "oops", soul
// (social) verbs and the verbs a story adds. It never sees the world; the
// driver describes what can be named in a Scope.
package parse

// Parser is one player's conversation with the parser: what "again"
// repeats, what "it" means, the question awaiting an answer, and the word
// "oops" would correct. It is not safe for concurrent use; the driver loop
// owns it like the rest of the game state.
type Parser struct {
	last    replay // valid when hasLast
	hasLast bool
	pron    [len(pronounWords)][]ref
	// pronRoom is where a pronoun pointing at one thing keeps it (point1).
	pronRoom [len(pronounWords)]ref
	pending  *pending
	oops     *oopsState
	gen      int // commands that set pronouns so far, to date each ref

	// bindings is the room builtin matches a line's grammar in, kept
	// because matching recurses and so puts its room on the heap: a
	// kilobyte a command. busy while in use (a nested parse makes its own).
	bindings *[maxBindings]binding
	busy     bool

	scope Scope // the scope of the Parse in progress

	// toks is the room a line is lexed into, lent like bindings: a
	// command's tokens were its biggest allocation but one.
	toks     [lexRoom]token
	toksBusy bool
}

// lexRoom is the tokens lexed without allocating: a command of up to
// eight words and commas; a longer one grows its own slice.
const lexRoom = 8

// takeToks lends the parser's room for tokens, or none when it is lent
// already (lexInto then grows a slice of its own).
func (p *Parser) takeToks() []token {
	if p.toksBusy {
		return nil
	}
	p.toksBusy = true
	return p.toks[:0]
}

// giveToks takes back what takeToks lent.
func (p *Parser) giveToks(toks []token) {
	if toks != nil {
		p.toksBusy = false
	}
}

// takeBindings lends the parser's room for bindings, or new room when it
// is lent already.
func (p *Parser) takeBindings() []binding {
	if p.busy {
		return make([]binding, 0, maxBindings)
	}
	if p.bindings == nil {
		p.bindings = new([maxBindings]binding)
	}
	p.busy = true
	return p.bindings[:0]
}

// giveBindings takes back what takeBindings lent.
func (p *Parser) giveBindings(bs []binding) {
	if cap(bs) > 0 && &bs[:1][0] == &p.bindings[0] {
		p.busy = false
	}
}

// replay is the last command that worked, with the disambiguation answers
// it needed, so "again" does the same thing without asking again.
type replay struct {
	seg string
	ov  map[string][]string
}

type askKind uint8

const (
	askWhich   askKind = iota + 1 // "Which do you mean, …?"
	askMissing                    // "What do you want to take?"
)

// pending is a question the parser asked; the next line may answer it.
type pending struct {
	kind   askKind
	q      string
	seg    string // askWhich: the command to parse again with the answer
	rest   string // what followed the command on its line
	key    string // askWhich: the phrase that was ambiguous
	cands  []Noun
	ov     map[string][]string
	prefix string // askMissing: the command so far; the answer completes it
	lit    string // askMissing: the words the parser added ("in"), which the answer may repeat
}

// oopsState is the last line with a word nobody knew, and where that word is.
type oopsState struct {
	line       string
	start, end int
}

// attempt is one way of reading a line and the parser state it leaves.
type attempt struct {
	res Result
	seg string
	ov  map[string][]string
	ask *pending
	bad *oopsState
}

const (
	msgPardon    = "I beg your pardon?"
	msgNoAgain   = "You can't very well repeat what you haven't done."
	msgNoOops    = "There is nothing to correct."
	msgNotVerb   = "That's not a verb I recognise."
	msgTooLong   = "That's more than I can follow at once."
	maxSegTokens = 256
)

// New returns a parser with no history.
func New() *Parser { return &Parser{} }

// Reset forgets the conversation: after a restart or restore, "again",
// "oops", pronouns and a pending question would refer to a world that is
// gone.
func (p *Parser) Reset() { *p = Parser{} }

// Parse reads one line typed by the player.
func (p *Parser) Parse(line string, scope Scope) Result {
	// The scope is read through a pointer the resolver keeps, which put a
	// copy of the argument on the heap each command; the parser's own
	// room does not, and is emptied after so it keeps none of the world.
	p.scope = scope
	res := p.parse(clean(line), &p.scope)
	p.scope = Scope{}
	return res
}

func (p *Parser) parse(line string, scope *Scope) Result {
	if ask := p.pending; ask != nil {
		p.pending = nil
		if a, ok := p.answer(ask, line, scope); ok {
			return p.commit(a)
		}
	}
	return p.commit(p.parseLine(line, scope, nil, true))
}

func (p *Parser) commit(a attempt) Result {
	if c := a.res.Command; c != nil {
		p.last, p.hasLast = replay{seg: a.seg, ov: a.ov}, true
		if !a.res.Meta {
			p.setPronouns(c)
		}
		p.oops = nil
	}
	if a.ask != nil {
		p.pending = a.ask
	}
	if a.bad != nil {
		p.oops = a.bad
	}
	return a.res
}

func fail(msg string) attempt { return attempt{res: Result{Error: msg}} }

// parseLine reads the first command of line. words enables "again" and
// "oops", which must not reach themselves through their own replay.
func (p *Parser) parseLine(line string, scope *Scope, ov map[string][]string, words bool) attempt {
	room := p.takeToks()
	defer p.giveToks(room)
	toks := lexInto(room, line)
	cmd, rest := firstCommand(line, toks)
	for len(cmd) == 0 && rest != "" {
		line = rest
		toks = lexInto(room, line)
		cmd, rest = firstCommand(line, toks)
	}
	if len(cmd) == 0 {
		return fail(msgPardon)
	}
	end := len(line)
	if len(cmd) < len(toks) {
		end = toks[len(cmd)].start
	}
	if words && cmd[0].kind == tWord {
		switch cmd[0].w {
		case "again", "g":
			if len(cmd) == 1 {
				a := p.again(scope)
				if a.res.Command != nil {
					a.res.Rest = rest
				}
				return a
			}
		case "oops", "o":
			return p.correct(line[cmd[0].start:], cmd[1:], cmd[0].start, scope)
		}
	}
	a := p.parseCommand(line, cmd, end, scope, ov)
	if a.res.Command != nil {
		a.res.Rest = rest
	}
	if a.ask != nil {
		a.ask.rest = rest
	}
	return a
}
