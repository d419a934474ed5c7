package markup_test

import (
	"fmt"

	"github.com/tale-if/tale/tio/markup"
)

func ExamplePlain() {
	fmt.Print(markup.Plain("<location>The Hall</location>\n\nA <bright>vast</bright> hall. Exits lead <exit>north</exit> and <exit>east</exit>.", 24))
	// Output:
	// The Hall
	//
	// A vast hall. Exits lead
	// north and east.
}

func ExampleHTML() {
	said := markup.Escape(`<script>alert("hi")</script>`)
	fmt.Println(markup.HTML("Go <exit>north</exit>. The troll says: " + said))
	// Output:
	// <p>Go <span class="txt-exit" data-exit="north">north</span>. The troll says: &lt;script&gt;alert(&#34;hi&#34;)&lt;/script&gt;</p>
}

func ExampleParse() {
	paras, clear := markup.Parse("<clear>You see a <item>brass key</item>.")
	for _, sp := range paras[0].Spans {
		fmt.Printf("%q role=%q\n", sp.Text, sp.Role)
	}
	fmt.Println("clear:", clear)
	// Output:
	// "You see a " role=""
	// "brass key" role="item"
	// "." role=""
	// clear: true
}

func ExampleTypeset() {
	said := markup.Escape(`it's "mine"`) // as the player typed it
	for _, style := range []markup.Typography{markup.Curly, markup.Straight} {
		text := `You can't take Maud’s lamp. <say>Ann says: ` + style.Quote(said) + `</say>`
		fmt.Println(markup.Typeset(text, style))
	}
	// Output:
	// You can’t take Maud’s lamp. <say>Ann says: “it's "mine"”</say>
	// You can't take Maud's lamp. <say>Ann says: "it's "mine""</say>
}
