// Package markup is Tale's one text format and its three renderers.
//
// # The language
//
// Style tags switch a style on; a specific closer (</bright>) switches it
// off again and </> switches every style off at once, as in Tale:
//
//	<dim> <bright> <ul> <it> <rev> <location> <monospaced>
//	<normal>   back to normal intensity (neither dim nor bright)
//	<clear>    clear the screen before showing this text (see [HasClear])
//
// One tag stands for a thing, not a style, and has no closer:
//
//	<br>       a hard line break: the paragraph goes on on a new line
//
// Semantic tags mark what a front end can make useful (a clickable exit, a
// highlighted item). Each is closed by its own end tag, not by </>, and
// none reaches past the end of its paragraph:
//
//	<exit>north</exit> <item>brass key</item> <living>the troll</living>
//	<player>you</player> <userinput>take key</userinput>
//
// Speech tags mark what someone says or does for others to hear or see,
// so a front end can set it apart from narration without reading the
// sentence. They work like the semantic tags (own end tag, never past the
// paragraph) and sit beside them, so a name inside keeps its role:
//
//	<say><player>Ann</player> says: “hello”</say>      said to the room
//	<tell><player>Ann</player> tells you: “…”</tell>   said to one alone
//	<shout>Someone nearby shouts: “…”</shout>          heard beyond the room
//	<emote><player>Ann</player> waves.</emote>         emotes and socials
//
// What a player typed goes inside escaped ([Escape]), so a typed
// "</say>" is text and cannot end the speech.
//
// Tags are lower case with nothing inside the brackets. Anything else that
// starts with '<' — an unknown tag, a lone '<' — is plain text, never an
// error and never dropped, so a typo shows up where an author will see it.
// The entities &lt; &gt; and &amp; stand for < > and &; any other '&' is
// literal. [Escape] makes any string safe to embed.
//
// A blank line separates paragraphs. Within a paragraph every run of white
// space (including a single newline) is one soft space that renderers
// reflow. Monospaced text is the exception: it forms a block of its own in
// which every space and line break is kept, for maps and ASCII art.
//
// <br> breaks the line without ending the paragraph, for lists that read
// as one block ("note: Dropped.<br>lamp: Dropped."). Each line wraps on
// its own; white space beside a <br> is dropped, a <br> at the start or
// end of a paragraph counts for nothing, and two in a row leave an empty
// line. In monospaced text it is one more line break.
//
// Control characters (ESC and the rest of C0 and C1, except tab and line
// breaks) and bidirectional overrides and isolates are dropped (the rule
// is tio.IsControl), and invalid UTF-8 becomes U+FFFD, so no text — least
// of all text a player typed — can send escape sequences to a terminal or
// make a line read backwards.
//
// # Renderers
//
// [Plain] gives wrapped text for pipes and screen readers, [ANSI] styles it
// for a terminal with lipgloss (both write a <br> as a newline), and [HTML]
// gives markup-safe HTML in which every character of text is escaped (and
// a <br> is a <br>). Speech is a class: speech-say on a paragraph that is
// all one utterance, else on a span; the terminal renderers show it in
// the theme's style for it, and [Plain] writes the words alone. [Parse] exposes the parsed form, and
// [Lines] wraps one paragraph of it, for front ends that lay text out
// themselves; [Strip] gives the bare text.
//
// # Typography
//
// [Typeset] gives markup a game's one quote style before it is shown:
// [Curly] makes straight quotes and apostrophes curly by their place
// (it's → it’s, "hi" → “hi”), [Straight] makes every quote straight. It
// understands the markup as Parse does and leaves as written what must
// be: tags, monospaced text, and what a player typed (inside <player>,
// <userinput> and the speech tags), whose quotes come from
// [Typography.Quote].
//
// All of them are pure functions of their arguments, safe to call from
// any goroutine.
package markup
