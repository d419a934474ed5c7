package markup

import (
	"regexp"
	"strings"
	"testing"
)

func TestHTML(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"paragraphs", "one\ntwo\n\nthree", "<p>one two</p>\n<p>three</p>"},
		{"styles", "<bright>a <ul>b</ul></bright>",
			`<p><span class="txt-bright">a </span><span class="txt-bright txt-ul">b</span></p>`},
		{"every style class", "<dim>d</dim><it>i</it><rev>r</rev><location>l</location>",
			`<p><span class="txt-dim">d</span><span class="txt-it">i</span><span class="txt-rev">r</span><span class="txt-location">l</span></p>`},
		{"exit with its whole text", "Go <exit>north <bright>gate</bright></exit>.",
			`<p>Go <span class="txt-exit" data-exit="north gate">north <span class="txt-bright">gate</span></span>.</p>`},
		{"every role", "<item>key</item><living>cat</living><player>you</player><userinput>look</userinput>",
			`<p><span class="txt-item" data-item="key">key</span><span class="txt-living" data-living="cat">cat</span>` +
				`<span class="txt-player" data-player="you">you</span><span class="txt-userinput">look</span></p>`},
		{"monospaced is pre", "Map:<monospaced>\n a  b\n c</monospaced>",
			"<p>Map:</p>\n<pre> a  b\n c</pre>"},
		{"clear leaves no trace", "<clear>Dark.", "<p>Dark.</p>"},
		{"hard break", "one <br> two<br><br>three", "<p>one<br>two<br><br>three</p>"},
		{"hard break in a style", "<bright>a<br>b</bright>", `<p><span class="txt-bright">a<br>b</span></p>`},
		{"hard break between elements", "<item>a</item>: x<br><item>b</item>: y",
			`<p><span class="txt-item" data-item="a">a</span>: x<br><span class="txt-item" data-item="b">b</span>: y</p>`},
		{"hard break inside an element is a space in its name", "<exit>north<br>gate</exit>",
			`<p><span class="txt-exit" data-exit="north gate">north<br>gate</span></p>`},
		{"break in monospaced is a newline", "<monospaced>a<br>b</monospaced>", "<pre>a\nb</pre>"},
		{"escaped break is text", "a&lt;br&gt;b", "<p>a&lt;br&gt;b</p>"},

		// Nothing a player or author writes becomes HTML.
		{"script tag", "<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"},
		{"escaped markup stays escaped", "&lt;img src=x onerror=alert(1)&gt;",
			"<p>&lt;img src=x onerror=alert(1)&gt;</p>"},
		{"quotes and ampersands", `"a" 'b' & c`, "<p>&#34;a&#34; &#39;b&#39; &amp; c</p>"},
		{"attribute injection", `<exit>"><script>x</script></exit>`,
			`<p><span class="txt-exit" data-exit="&#34;&gt;&lt;script&gt;x&lt;/script&gt;">&#34;&gt;&lt;script&gt;x&lt;/script&gt;</span></p>`},
		{"escaped player input", "You say: " + Escape(`<b onclick="x">&amp;</b>`),
			"<p>You say: &lt;b onclick=&#34;x&#34;&gt;&amp;amp;&lt;/b&gt;</p>"},
		{"control characters dropped", "a\x1b[31mb", "<p>a[31mb</p>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := HTML(tc.in)
			if got != tc.want {
				t.Errorf("HTML(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			checkHTMLSafe(t, tc.in, got)
		})
	}
}

// ownTag matches exactly the tags HTML writes. Whatever is left after
// removing them came from text, and must hold no markup character.
var ownTag = regexp.MustCompile(`</?p>|<p class="speech-(say|tell|shout|emote)">|</?pre>|<br>|</span>|` +
	`<span class="speech-(say|tell|shout|emote)">|<span class="txt-[a-z]+( txt-[a-z]+)*"( data-[a-z]+="[^"<>]*")?>`)

func checkHTMLSafe(t *testing.T, in, out string) {
	t.Helper()
	if rest := ownTag.ReplaceAllString(out, ""); strings.ContainsAny(rest, `<>"'`) {
		t.Errorf("HTML(%q) lets markup through:\n%q\nleft after removing own tags: %q", in, out, rest)
	}
}
