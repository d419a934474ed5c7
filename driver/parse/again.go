package parse

import "strings"

// "again" and "oops" work on lines already typed, before any grammar.

func (p *Parser) again(scope *Scope) attempt {
	if !p.hasLast {
		return fail(msgNoAgain)
	}
	seg := p.last.seg
	toks := lex(seg)
	if len(toks) == 0 {
		return fail(msgNoAgain)
	}
	return p.parseCommand(seg, toks, len(seg), scope, p.last.ov)
}

// correct handles "oops WORD": the word replaces the one nobody knew in
// the line that failed, and that line is read again.
func (p *Parser) correct(line string, words []token, base int, scope *Scope) attempt {
	if p.oops == nil {
		return fail(msgNoOops)
	}
	if len(words) == 0 {
		return fail("Type “oops” and the word you meant.")
	}
	o := p.oops
	fix := strings.TrimSpace(line[words[0].start-base:])
	fixed := o.line[:o.start] + fix + o.line[o.end:]
	return p.parseLine(clean(fixed), scope, nil, false)
}
