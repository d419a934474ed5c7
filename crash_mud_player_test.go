package main

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/gorilla/websocket"
)

// A player of the MUD crash test (crash_mud_test.go) over its lives:
// connecting, resuming, reading by seq and playing its script.

// dial connects p, retrying while the child starts, resuming after the
// last event read, and reads connected.
func (p *mudCrasher) dial(addr string, deadline time.Time, gone <-chan struct{}) (*websocket.Conn, error) {
	q := url.Values{"since": {fmt.Sprint(len(p.got))}}
	if p.token != "" {
		q.Set("session", p.token)
	}
	d := websocket.Dialer{Jar: p.jar, HandshakeTimeout: 5 * time.Second}
	for {
		c, _, err := d.Dial("ws://"+addr+"/tale/ws?"+q.Encode(), nil)
		if err == nil {
			hello, err := readMUD(c)
			if err != nil {
				c.Close()
				return nil, err
			}
			if hello.Type != "connected" {
				c.Close()
				return nil, fatalf("the first message is %s", hello.raw)
			}
			if p.token == "" {
				p.token = hello.Session
			}
			if len(p.got) > 0 && hello.Seq != uint64(len(p.got)) {
				c.Close()
				return nil, fatalf("resumed after %d, the server says %s: events lost", len(p.got), hello.raw)
			}
			if err := p.catchUp(c, hello.Last); err != nil {
				c.Close()
				return nil, err
			}
			return c, nil
		}
		select {
		case <-gone:
			return nil, fmt.Errorf("the server is gone: %v", err)
		default:
		}
		if time.Now().After(deadline) {
			return nil, fatalf("cannot connect: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// catchUp reads until p has every event up to last.
func (p *mudCrasher) catchUp(c *websocket.Conn, last uint64) error {
	for uint64(len(p.got)) < last {
		if _, err := p.read(c); err != nil {
			return err
		}
	}
	return nil
}

func readMUD(c *websocket.Conn) (mudCrashMsg, error) {
	c.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, data, err := c.ReadMessage()
	if err != nil {
		return mudCrashMsg{}, err
	}
	var m mudCrashMsg
	if err := json.Unmarshal(data, &m); err != nil {
		return m, fatalf("not JSON: %q", data)
	}
	m.raw = eventOf(data)
	return m, nil
}

// read reads one message and files a stream event by its seq: one more
// than the last read, or one read already and the same.
func (p *mudCrasher) read(c *websocket.Conn) (mudCrashMsg, error) {
	m, err := readMUD(c)
	if err != nil {
		return m, err
	}
	switch m.Type {
	case "message_error":
		return m, fatalf("error: %s", m.raw)
	case "text", "choices", "data":
	default:
		return m, nil // pong, completions, notices: no seq
	}
	if m.Seq == 0 {
		return m, nil // the lobby's messages come before the stream
	}
	if m.Type == "text" {
		if m.Location != "" {
			p.loc = m.Location
		}
		if m.Turns != nil {
			p.turns = *m.Turns
		}
	}
	switch n := uint64(len(p.got)); {
	case m.Seq == n+1:
		p.got = append(p.got, m.raw)
	case m.Seq <= n:
		if p.got[m.Seq-1] != m.raw {
			return m, fatalf("seq %d came twice, different: %s then %s", m.Seq, p.got[m.Seq-1], m.raw)
		}
	default:
		return m, fatalf("seq %d after %d: events lost (%s)", m.Seq, n, m.raw)
	}
	return m, nil
}

// syncLines sends lines and then a say of its own, and reads until that
// say's reply: the server plays a connection's commands in order, so
// every line's reply has been read by then. No kill may come meanwhile.
func (p *mudCrasher) syncLines(c *websocket.Conn, lines []string) error {
	m := mark(p.name, -len(p.got)-1000)
	for _, l := range append(lines, "say "+m) {
		c.SetWriteDeadline(time.Now().Add(5 * time.Second))
		if err := c.WriteJSON(map[string]string{"cmd": l}); err != nil {
			return err
		}
		time.Sleep(webCrashPace)
	}
	for {
		msg, err := p.read(c)
		if err != nil {
			return err
		}
		if msg.Seq > 0 && strings.Contains(msg.raw, "You say") && strings.Contains(msg.raw, m) {
			return nil
		}
	}
}

// play is one life of a player: connect and catch up, settle the command
// in flight at the kill, and play on until the connection dies or the
// script is done.
func (p *mudCrasher) play(addr string, sent func(), deadline time.Time, gone <-chan struct{}) error {
	c, err := p.dial(addr, deadline, gone)
	if err != nil {
		return err
	}
	defer c.Close()
	if p.inflight {
		mudCrashInFlight.Add(1)
		if !p.played(p.next) {
			p.inflight = false // not in the journal: it was never played; send it again
		} else {
			mudCrashKeptInFlight.Add(1)
		}
	}
	for {
		if p.inflight && p.played(p.next) {
			p.inflight = false
			p.next++
		}
		if !p.inflight {
			if p.next == len(p.lines) {
				p.done = true
				return nil
			}
			time.Sleep(webCrashPace)
			c.SetWriteDeadline(time.Now().Add(5 * time.Second))
			if err := c.WriteJSON(map[string]string{"cmd": p.lines[p.next]}); err != nil {
				return err
			}
			p.inflight = true
			sent()
			continue
		}
		if _, err := p.read(c); err != nil {
			return err
		}
	}
}
