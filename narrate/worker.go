package narrate

import (
	"context"
	"errors"
	"strings"

	"github.com/tale-if/tale/tio/markup"
)

// worker takes jobs until the Engine closes.
func (e *Engine) worker() {
	defer e.wg.Done()
	for {
		select {
		case <-e.ctx.Done():
			return
		case j := <-e.queue:
			e.run(j)
		}
	}
}

// run asks the model for one job and delivers its text. Partial events
// carry each new piece of the sanitised text while it is a prefix of what
// came before; the first partial the results channel refuses ends the
// partials (the Final still carries the whole text).
func (e *Engine) run(j job) {
	n, r := j.n, j.req
	if n.ctx.Err() != nil {
		e.budget.settle(r.Player, j.reserved, 0)
		e.stats.skipped.Add(1)
		return
	}
	ctx, cancel := context.WithTimeout(n.ctx, e.cfg.Timeout)
	defer cancel()
	e.stats.requests.Add(1)

	var raw strings.Builder
	sent := ""        // the sanitised text partials have shown
	streaming := true // partials still go out
	onDelta := func(piece string) bool {
		raw.WriteString(cut(piece, maxRawBytes-raw.Len()))
		c, full := cleanCut(raw.String())
		text := markup.Escape(c)
		if streaming && !full && len(text) > len(sent) && strings.HasPrefix(text, sent) {
			if n.deliver(Event{ID: r.ID, Player: r.Player, Kind: r.Kind, Text: text[len(sent):]}) {
				sent = text
			} else {
				streaming = false
			}
		}
		return !full // enough text: stop paying for more
	}
	pt, ct, err := e.backend.Complete(ctx, j.p.system, j.p.user, e.cfg.MaxTokens, onDelta)
	if pt+ct == 0 {
		pt, ct = estimateTokens(j.p.system)+estimateTokens(j.p.user), estimateTokens(raw.String())
	}
	e.budget.settle(r.Player, j.reserved, pt+ct)
	e.stats.tokens.Add(int64(pt + ct))

	text := Sanitize(raw.String())
	if err != nil || text == "" {
		if n.ctx.Err() != nil {
			return // the world closed: nobody is waiting, and the model is not to blame
		}
		if err == nil {
			err = errors.New("narrate: the model's text was empty once cleaned")
		}
		e.stats.errors.Add(1)
		e.logs.line(e.log, "error", "narration: a request failed; the authored text stands", "kind", r.Kind, "player", r.Player, "err", err)
		e.outcome(err)
		if sent != "" {
			n.deliver(Event{ID: r.ID, Player: r.Player, Kind: r.Kind, Final: true, Abandoned: true})
		}
		return
	}
	e.outcome(nil)
	if j.key != "" {
		e.cache.put(j.key, cut(raw.String(), maxRawBytes))
	}
	if n.deliver(Event{ID: r.ID, Player: r.Player, Kind: r.Kind, Final: true, Text: text}) {
		e.stats.delivered.Add(1)
	}
}
