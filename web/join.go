package web

import (
	"context"
	"errors"
	"strings"

	"github.com/tale-if/tale/account"
	"github.com/tale-if/tale/tio"
	"github.com/tale-if/tale/tio/markup"
)

// MUD mode: one world, and each seat (resume token) is its own player in
// it. A seat starts without a player: its connections are in the lobby,
// where the server asks for a name through ordinary text messages and
// takes the next command as the answer. Once the world has seated the
// player, every connection of the seat subscribes to that player's stream
// from its first event (the story's opening), so the lobby's messages
// (seq 0) and the stream (seq 1 on) read as one. When the player leaves
// (quit, idle logout, the link-dead grace running out) the stream ends,
// the connections close with 1000 and the seat is back in the lobby.

// World is what MUD mode needs of a running shared world; main adapts the
// driver's World to it, so web never imports the driver.
type World interface {
	// Join seats a new player called name and returns its session, whose
	// stream starts with the story's opening. A name already in use is
	// ErrNameTaken.
	Join(ctx context.Context, name string) (Player, error)
	// Info describes the story, before anyone has joined (title page).
	Info() tio.StoryInfo
}

// Player is one player's session in a World.
type Player interface {
	tio.Session
	// Leave takes the player out of the world; its stream ends.
	Leave(ctx context.Context) error
}

// ErrNameTaken is what World.Join returns for a name a player present
// already has.
var ErrNameTaken = errors.New("a player of that name is already here")

// NewMUD builds a server on which every seat joins w as a player of its
// own. Like New, it starts nothing that listens.
func NewMUD(w World, cfg Config) (*Server, error) {
	if w == nil {
		return nil, errors.New("web: no world")
	}
	return newServer(cfg, func(string) *game { return nil }, nil, w)
}

// reservedNames are words the game's own sentences and commands use for
// someone other than a player ("someone nearby shouts", "tell all"), and
// titles that would pass a player off as the server's staff.
var reservedNames = map[string]bool{
	"admin": true, "administrator": true, "guest": true, "someone": true, "somebody": true,
	"anyone": true, "anybody": true, "everyone": true, "everybody": true, "nobody": true,
	"noone": true, "you": true, "yourself": true, "myself": true, "self": true, "all": true,
	"her": true, "him": true, "them": true, "they": true, "here": true, "there": true,
	"root": true, "sysop": true, "operator": true, "moderator": true, "system": true,
	"server": true, "tale": true, "player": true, "players": true, "god": true, "wizard": true,
}

const namePrompt = "What is your name?"

// checkName is the name in line, or the sentence that says what is wrong
// with it. Nothing the player typed is repeated unless it is a valid name.
func checkName(line string) (name, problem string) {
	name = strings.TrimSpace(line)
	switch {
	case name == "":
		return "", "Type a name for yourself, then press Enter."
	case len(name) < 3 || len(name) > 16:
		return "", "A name is 3 to 16 letters and digits long."
	// The account name rule (account.NameShaped), compared
	// case-insensitively: plain enough that nobody can pass for someone
	// else with look-alike letters.
	case !account.NameShaped(name):
		return "", "A name starts with a letter and has only letters (a to z) and digits: no spaces or other signs."
	case reservedNames[strings.ToLower(name)]:
		return "", "“" + capitalised(name) + "” is a word the game itself uses; choose another name."
	}
	return name, ""
}

// capitalised is a valid name (ASCII) as a sentence shows it.
func capitalised(name string) string { return strings.ToUpper(name[:1]) + name[1:] }

// lobbyText is a text message of the join flow: seq 0, before any event
// of a player's stream, and no state.
func lobbyText(markupText string, clear bool) *outMsg {
	special := []string{}
	if clear {
		special = []string{"clear"}
	}
	return encodeStream("text", 0, textMsg{Type: "text", Text: markup.HTML(markupText), Special: special, Players: new(string)})
}

// greeting is the first screen of a lobby connection.
func (s *Server) greeting() *outMsg {
	info := s.world.Info()
	return lobbyText("Welcome to <bright>"+markup.Escape(info.Name)+"</bright>, a world you share with other players.\n\n"+namePrompt, true)
}

// lobbyInput handles a message from a seat without a player: the next
// command is the name to join with.
func (s *Server) lobbyInput(st *seat, p *peer, msg clientMessage) (*outMsg, error) {
	switch msg.kind {
	case msgPing:
		return pongMsg, nil
	case msgComplete:
		return completionsMessage(msg.cmd, nil), nil
	case msgChoice:
		return nil, ErrNoPlayer
	}
	// A name is a message like any other: it spends the address's budget,
	// so guessing names in a loop is as slow as typing commands.
	if p != nil && !p.msgs.Allow() {
		s.metrics.errors.WithLabelValues("rate_limited").Inc()
		return nil, ErrAddressRateLimited
	}
	return nil, s.join(st, msg.cmd)
}

// join seats st's player under the name in line, or tells every
// connection of the seat what is wrong with it and asks again.
func (s *Server) join(st *seat, line string) error {
	st.naming.Lock()
	defer st.naming.Unlock()
	if st.game() != nil {
		return nil // another tab of this seat has just joined; this one follows it
	}
	name, problem := checkName(line)
	if problem == "" {
		problem = s.accountNameProblem(st, name)
	}
	if problem == "" {
		ctx, cancel := context.WithTimeout(s.ctx, s.cfg.WriteWait)
		defer cancel()
		pl, err := s.world.Join(ctx, name)
		switch {
		case errors.Is(err, ErrNameTaken):
			problem = "Someone called " + capitalised(name) + " is already here; choose another name."
		case err != nil:
			return s.gameError(err)
		default:
			st.seatPlayer(&game{Session: pl, leave: pl.Leave, msgs: newGameLimiter(s.cfg)})
			s.keepGuestSeat(st, name) // mud_guests.go
			s.log.Info("player joined", "name", name, "session", st.token[:6])
			return nil
		}
	}
	s.hub.broadcast(lobbyText(problem+"\n\n"+namePrompt, false), st.token)
	return nil
}
