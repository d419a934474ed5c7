package web

import (
	"strconv"
	"unicode/utf8"
)

// A text message is the one every reply sends, and encoding/json's
// reflection over its twenty fields was a tenth of a round trip's CPU.
// appendJSON writes the bytes json.Marshal writes for it (the field
// order, omitempty, HTML-safe escaping), which TestTextJSONIsMarshal and
// FuzzTextJSON hold it to; a field added to textMsg fails them until it
// is written here too.

// appendJSON appends m as json.Marshal encodes it.
func (m *textMsg) appendJSON(b []byte) []byte {
	b = append(b, `{"type":`...)
	b = appendJSONString(b, m.Type)
	b = append(b, `,"text":`...)
	b = appendJSONString(b, m.Text)
	b = append(b, `,"special":`...)
	if m.Special == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, s := range m.Special {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		b = append(b, ']')
	}
	b = appendJSONInt(b, `,"turns":`, m.Turns)
	b = appendJSONField(b, `,"location":`, m.Location)
	b = appendJSONField(b, `,"location_image":`, m.LocationImage)
	b = appendJSONField(b, `,"npcs":`, m.NPCs)
	if m.Players != nil {
		b = appendJSONField(b, `,"players":`, *m.Players)
	}
	b = appendJSONField(b, `,"items":`, m.Items)
	b = appendJSONField(b, `,"exits":`, m.Exits)
	b = appendJSONField(b, `,"inventory":`, m.Inventory)
	b = appendJSONInt(b, `,"score":`, m.Score)
	b = appendJSONInt(b, `,"max_score":`, m.MaxScore)
	b = appendJSONField(b, `,"clock":`, m.Clock)
	if m.HP != 0 {
		b = appendJSONInt(b, `,"hp":`, m.HP)
	}
	if m.MaxHP != 0 {
		b = appendJSONInt(b, `,"max_hp":`, m.MaxHP)
	}
	if m.Level != 0 {
		b = appendJSONInt(b, `,"level":`, m.Level)
	}
	if e := m.Ending; e != nil {
		b = appendJSONField(b, `,"ending":{"id":`, e.ID)
		b = appendJSONField(b, `,"title":`, e.Title)
		b = append(b, `,"won":`...)
		b = strconv.AppendBool(b, e.Won)
		b = append(b, '}')
	}
	if n := m.Narration; n != nil {
		b = append(b, `,"narration":{"id":`...)
		b = strconv.AppendUint(b, n.ID, 10)
		b = append(b, `,"final":`...)
		b = strconv.AppendBool(b, n.Final)
		b = appendJSONField(b, `,"of":`, n.Of)
		b = append(b, '}')
	}
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, m.Seq, 10)
	return append(b, '}')
}

func appendJSONField(b []byte, key, s string) []byte {
	return appendJSONString(append(b, key...), s)
}

func appendJSONInt(b []byte, key string, n int) []byte {
	return strconv.AppendInt(append(b, key...), int64(n), 10)
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s quoted as encoding/json quotes a string:
// <, > and & as \u escapes (HTML-safe), control characters as \n, \t
// and the like or \u00XX, invalid UTF-8 as \ufffd, and U+2028 and U+2029
// escaped (JavaScript reads them as line ends).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= ' ' && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, `\b`...)
			case '\f':
				b = append(b, `\f`...)
			case '\n':
				b = append(b, `\n`...)
			case '\r':
				b = append(b, `\r`...)
			case '\t':
				b = append(b, `\t`...)
			default:
				b = append(b, `\u00`...)
				b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, `\u202`...)
			b = append(b, hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
