package markup

import "strings"

// Markup escapes the three characters that carry meaning with the entities
// &lt; &gt; and &amp;. Any other '&' is literal text, so authors can write
// "Smith & Sons" without thinking about it.
var escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")

// Escape makes s safe to embed in markup: whatever s contains, it renders
// as the same characters and never as a tag. Every string a player typed
// (names, said text, echoed commands) goes through Escape before it is put
// into markup.
func Escape(s string) string {
	if !strings.ContainsAny(s, "&<>") {
		return s
	}
	return escaper.Replace(s)
}
