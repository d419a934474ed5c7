package web

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/tale-if/tale/account"
)

// Admin commands are out of the world: the web layer answers them before
// the driver sees the line, because they act on accounts and connections,
// which the driver knows nothing of. They start with "@" so that no story
// verb can clash with them; any "@" line from a player or guest is
// refused with errNotAdmin rather than reaching the story.
const adminPrefix = "@"

var errNotAdmin = errors.New("Only an admin can use @ commands.")

const adminHelp = `Admin commands:
  @who               who is on
  @accounts          every account, its role and whether it is banned
  @kick NAME         disconnect NAME
  @ban NAME          bar NAME from logging in, and disconnect them now
  @unban NAME        lift a ban
  @grant NAME        make NAME an admin
  @revoke NAME       make NAME a player again
  @broadcast TEXT    say TEXT to everybody connected`

func isAdminCommand(line string) bool {
	return strings.HasPrefix(strings.TrimSpace(line), adminPrefix)
}

// adminCommand runs an @ line for st's owner. The role is read from the
// store each time, so a revoked admin loses the commands at once.
func (s *Server) adminCommand(st *seat, line string) (*outMsg, error) {
	ctx, cancel := context.WithTimeout(s.ctx, s.cfg.WriteWait)
	defer cancel()
	accounts, err := s.hosting.Accounts.List(ctx)
	if err != nil {
		s.log.Error("admin: cannot list accounts", "err", err)
		return nil, ErrInternal
	}
	byID, byName := map[string]account.Account{}, map[string]account.Account{}
	for _, a := range accounts {
		byID[a.ID], byName[a.Name] = a, a
	}
	me, ok := byID[st.owner]
	if !ok || me.Role != account.Admin || me.Banned {
		return nil, errNotAdmin
	}
	verb, arg, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), adminPrefix)), " ")
	arg = strings.TrimSpace(arg)
	verb = strings.ToLower(verb)
	target, found := byName[strings.ToLower(arg)]
	needsName := map[string]bool{"kick": true, "ban": true, "unban": true, "grant": true, "revoke": true}
	if needsName[verb] && !found {
		return adminReply("There is no account named %q.", arg), nil
	}
	switch verb {
	case "who":
		return adminReply("%s", s.who(byID)), nil
	case "accounts":
		var b strings.Builder
		for _, a := range accounts {
			fmt.Fprintf(&b, "%s (%s)", a.Name, a.Role)
			if a.Banned {
				b.WriteString(", banned")
			}
			b.WriteString("\n")
		}
		return adminReply("%s", strings.TrimSuffix(b.String(), "\n")), nil
	case "kick":
		s.closeAccount(target.ID, ErrKicked)
		s.leaveWorld(target.ID)
		return adminReply("%s is disconnected.", target.Name), nil
	case "ban":
		if target.ID == me.ID {
			return adminReply("You cannot ban yourself."), nil
		}
		if _, err := s.hosting.Accounts.Ban(ctx, target.Name); err != nil {
			return nil, s.adminFailed(err)
		}
		s.closeAccount(target.ID, ErrBanned)
		s.leaveWorld(target.ID)
		return adminReply("%s is banned and disconnected.", target.Name), nil
	case "unban":
		if err := s.hosting.Accounts.Unban(ctx, target.Name); err != nil {
			return nil, s.adminFailed(err)
		}
		return adminReply("%s may log in again.", target.Name), nil
	case "grant", "revoke":
		role, done := account.Admin, "is an admin now"
		if verb == "revoke" {
			role, done = account.Player, "is a player now"
		}
		if err := s.hosting.Accounts.SetRole(ctx, target.Name, role); err != nil {
			return nil, s.adminFailed(err)
		}
		return adminReply("%s %s.", target.Name, done), nil
	case "broadcast":
		if arg == "" {
			return adminReply("Broadcast what? @broadcast TEXT"), nil
		}
		s.hub.broadcast(noticeMessage("Message from "+me.Name+": "+arg), "")
		return nil, nil
	}
	return adminReply("%s", adminHelp), nil
}

// who lists the owners with an open connection: accounts by name, guests
// counted.
func (s *Server) who(byID map[string]account.Account) string {
	var names []string
	guests := 0
	for owner, n := range s.hub.online() {
		if a, ok := byID[owner]; ok {
			names = append(names, fmt.Sprintf("%s (%d connection%s)", a.Name, n, plural(n)))
		} else {
			guests++
		}
	}
	sort.Strings(names)
	return fmt.Sprintf("%d account%s and %d guest%s on.\n%s", len(names), plural(len(names)), guests, plural(guests), strings.Join(names, "\n"))
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// adminReply is a notice: out of the game's event stream (no seq), so it
// neither takes a number from the player's game nor is dropped by a client
// as an event it has seen.
func adminReply(format string, args ...any) *outMsg {
	return noticeMessage(fmt.Sprintf(format, args...))
}

func (s *Server) adminFailed(err error) error {
	s.log.Error("admin command failed", "err", err)
	return ErrInternal
}
