package web

import "testing"

// The fixed bodies are spelled out to keep JSON off the start-up path; a
// client still has to get exactly what encoding the shapes would give.
func TestFixedBodies(t *testing.T) {
	pong := encode("pong", struct {
		Type string `json:"type"`
	}{"pong"})
	if string(pongMsg.body) != string(pong.body) || pongMsg.typ != pong.typ {
		t.Errorf("pongMsg = %s %s, encode gives %s %s", pongMsg.typ, pongMsg.body, pong.typ, pong.body)
	}
	if ack := encode("ack", ackMsg{Status: "ok"}).body; string(ackBody) != string(ack) {
		t.Errorf("ackBody = %s, encode gives %s", ackBody, ack)
	}
}
