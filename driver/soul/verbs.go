package soul

// The verb table. Helpers keep each line short; the shapes are the common
// ones from MUD souls: "smile at", "bow to", "hug someone", and a few that
// need their own wording.

// at: "You smile happily." / "You smile happily at the keeper."
func at(name, adv string) Verb {
	return Verb{Name: name, Adverb: adv, Target: OptionalTarget,
		Alone: "{A} " + name + "${how}.", With: "{A} " + name + "${how} at {T}."}
}

// to: "You bow gracefully." / "You bow gracefully to the keeper."
func to(name, adv string) Verb {
	return Verb{Name: name, Adverb: adv, Target: OptionalTarget,
		Alone: "{A} " + name + "${how}.", With: "{A} " + name + "${how} to {T}."}
}

// pers: "You hug the keeper warmly."; it needs someone.
func pers(name, adv string) Verb {
	return Verb{Name: name, Adverb: adv, Target: NeedsTarget,
		With: "{A} " + name + "$ {T}{how}."}
}

// alone: "You yawn."; nobody to direct it at.
func alone(name, adv string) Verb {
	return Verb{Name: name, Adverb: adv, Target: NoTarget,
		Alone: "{A} " + name + "${how}."}
}

// own gives a verb its own templates.
func own(name, adv string, need Need, aloneT, withT string) Verb {
	return Verb{Name: name, Adverb: adv, Target: need, Alone: aloneT, With: withT}
}

// table is every verb, made once for byName.
func table() []Verb {
	return []Verb{
		at("smile", "happily"),
		at("grin", "mischievously"),
		at("laugh", "heartily"),
		at("chuckle", "politely"),
		at("giggle", "inanely"),
		at("sigh", "deeply"),
		at("frown", ""),
		at("wink", "suggestively"),
		at("glare", "stonily"),
		at("stare", ""),
		at("grimace", ""),
		at("pout", ""),
		at("scowl", "darkly"),
		at("smirk", ""),
		at("beam", "brightly"),
		at("sneer", "contemptuously"),
		at("blink", ""),
		at("gape", ""),
		at("nod", "solemnly"),
		at("wave", "happily"),
		at("whistle", "appreciatively"),
		at("point", ""),
		at("growl", "menacingly"),
		at("snarl", ""),
		at("cackle", "gleefully"),
		at("snicker", ""),
		at("leer", ""),
		at("gasp", ""),
		at("scream", "loudly"),
		at("shout", "loudly"),
		at("hiss", ""),
		at("yawn", ""),
		at("sneeze", ""),
		at("cough", ""),
		to("bow", "gracefully"),
		to("curtsey", "gracefully"),
		to("apologise", "profusely"),
		to("beckon", ""),
		pers("hug", "warmly"),
		pers("kiss", "gently"),
		pers("tickle", "mercilessly"),
		pers("thank", "heartily"),
		pers("greet", "warmly"),
		pers("salute", "smartly"),
		pers("nudge", "suggestively"),
		pers("comfort", ""),
		pers("cuddle", "lovingly"),
		pers("slap", ""),
		pers("welcome", "warmly"),
		pers("forgive", ""),
		pers("ignore", ""),
		pers("admire", ""),
		pers("congratulate", "warmly"),
		own("poke", "", NeedsTarget, "", "{A} poke$ {T}{how} in the ribs."),
		own("pat", "", NeedsTarget, "", "{A} pat$ {T} on {Tpos} head{how}."),
		own("kneel", "", OptionalTarget, "{A} kneel${how}.", "{A} kneel${how} before {T}."),
		own("applaud", "wholeheartedly", OptionalTarget, "{A} applaud${how}.", "{A} applaud$ {T}{how}."),
		own("clap", "", OptionalTarget, "{A} clap$ {Apos} hands{how}.", "{A} clap${how} for {T}."),
		own("cheer", "enthusiastically", OptionalTarget, "{A} cheer${how}.", "{A} cheer${how} for {T}."),
		own("dance", "", OptionalTarget, "{A} dance${how}.", "{A} dance${how} with {T}."),
		own("cry", "", OptionalTarget, "{A} cry${how}.", "{A} cry${how} on {T's} shoulder."),
		own("sob", "", OptionalTarget, "{A} sob${how}.", "{A} sob${how} on {T's} shoulder."),
		own("agree", "", OptionalTarget, "{A} agree${how}.", "{A} agree${how} with {T}."),
		own("disagree", "", OptionalTarget, "{A} disagree${how}.", "{A} disagree${how} with {T}."),
		own("snap", "", OptionalTarget, "{A} snap$ {Apos} fingers{how}.", "{A} snap$ {Apos} fingers{how} at {T}."),
		own("scratch", "", OptionalTarget, "{A} scratch$ {Apos} head{how}.", "{A} scratch$ {T} behind the ears{how}."),
		own("shake", "", OptionalTarget, "{A} shake$ {Apos} head{how}.", "{A} shake$ {T's} hand{how}."),
		own("shrug", "", NoTarget, "{A} shrug${how}.", ""),
		own("facepalm", "", NoTarget, "{A} bury$ {Apos} face in {Apos} hands{how}.", ""),
		own("flex", "", NoTarget, "{A} flex$ {Apos} muscles{how}.", ""),
		own("twiddle", "", NoTarget, "{A} twiddle$ {Apos} thumbs{how}.", ""),
		own("ponder", "thoughtfully", NoTarget, "{A} ponder$ the situation{how}.", ""),
		alone("stretch", "lazily"),
		alone("shiver", ""),
		alone("tremble", ""),
		alone("blush", ""),
		alone("groan", "loudly"),
		alone("moan", ""),
		alone("hum", "tunelessly"),
		alone("hiccup", ""),
		alone("burp", "rudely"),
		alone("snore", "loudly"),
		alone("fidget", "nervously"),
		alone("sulk", ""),
		alone("whimper", ""),
		alone("gulp", ""),
		alone("bounce", "happily"),
	}
}

// aliases are other spellings and near-synonyms players reach for.
func aliases() map[string]string {
	return map[string]string{
		"apologize": "apologise",
		"curtsy":    "curtsey",
		"embrace":   "hug",
		"snigger":   "snicker",
		"smooch":    "kiss",
		"yell":      "shout",
		"chortle":   "chuckle",
		"weep":      "cry",
		"shudder":   "shiver",
		"frolic":    "dance",
	}
}
