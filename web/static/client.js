// client.js — the game page: story pane, input line, sidebar, menus.
//
// Rules this file keeps:
//   - Server `text` (and menu text) is HTML the server rendered from markup
//     with every player-typed character escaped; it is parsed in an inert
//     <template> and filtered to the renderer's few tags (safeHTML).
//     Whatever the player typed is shown with textContent.
//   - The pane follows new text only when the reader is already at the
//     bottom; otherwise a "New text below" button appears.
//   - Nothing the player types is lost, and nothing is sent blind: the
//     input stays enabled while a command is in flight, and a command
//     entered while the connection is down stays in the box, to be sent by
//     the player once it is back (it may come back to a new game).
//   - A language model's narration (a text message with special
//     "narration") streams into one entry of its own, marked by style.css,
//     and is announced to screen readers once, when it is final.
"use strict";

(function (global) {
  var doc = global.document;
  var MAX_PANE_ENTRIES = 2000; // older entries are dropped so a long game stays fast
  var SCROLL_SLACK_PX = 8;     // "at the bottom" within this many pixels
  var WAITING_MAX_MS = 15000;  // the busy indicator gives up after this long
  var TICK_MS = 1000;          // the countdown to the next attempt counts seconds
  var MARK_KEY = "tale.narrationMark"; // localStorage: "hidden" leaves narration unmarked

  function $(id) { return doc.getElementById(id); }

  function splitList(v) {
    if (Array.isArray(v)) return v.filter(function (s) { return typeof s === "string" && s.trim() !== ""; });
    if (typeof v !== "string" || v.trim() === "") return [];
    return v.split(",").map(function (s) { return s.trim(); }).filter(function (s) { return s !== ""; });
  }

  // The server's HTML uses only these elements and attributes (tio/markup
  // HTML renderer). Everything is checked again here, in an inert
  // <template>, so that even a server bug cannot run a script or load a
  // picture from the player's words: any other element becomes its text.
  var ALLOWED_TAGS = { P: true, PRE: true, SPAN: true, BR: true, B: true, I: true, EM: true, STRONG: true, U: true };
  var ALLOWED_ATTRS = { "class": true, "data-exit": true, "data-item": true, "data-living": true, "data-player": true };

  function clean(node) {
    var kids = Array.prototype.slice.call(node.childNodes);
    kids.forEach(function (k) {
      if (k.nodeType === 3) return; // text
      if (k.nodeType !== 1 || !ALLOWED_TAGS[k.tagName]) {
        node.replaceChild(doc.createTextNode(k.nodeType === 1 ? k.textContent : ""), k);
        return;
      }
      Array.prototype.slice.call(k.attributes).forEach(function (a) {
        if (!ALLOWED_ATTRS[a.name.toLowerCase()]) k.removeAttribute(a.name);
      });
      clean(k);
    });
  }

  // safeHTML parses server HTML into a fragment of allowed nodes only.
  function safeHTML(html) {
    var t = doc.createElement("template");
    t.innerHTML = html; // inert: template content runs nothing and loads nothing
    var frag = t.content;
    clean(frag);
    return frag;
  }

  // inlineHTML is safeHTML for a line (a menu option): one paragraph is unwrapped.
  function inlineHTML(html) {
    var frag = safeHTML(String(html));
    if (frag.childNodes.length === 1 && frag.firstChild.nodeType === 1 && frag.firstChild.tagName === "P") {
      var p = frag.firstChild;
      var out = doc.createDocumentFragment();
      while (p.firstChild) out.appendChild(p.firstChild);
      return out;
    }
    return frag;
  }

  function Client() {
    this.pane = $("pane");
    this.input = $("cmd");
    this.form = $("input-form");
    this.statusEl = $("status");
    this.retryBtn = $("retry");
    this.statusTimer = $("status-timer");
    this.waitingEl = $("waiting");
    this.newTextBtn = $("new-text");
    this.choicesEl = $("choices");
    this.choiceList = $("choice-list");
    this.choicesPrompt = $("choices-prompt");
    this.completionsEl = $("completions");
    this.completionList = $("completion-list");
    this.endingEl = $("ending");
    this.sidebar = $("sidebar");
    this.scrim = $("scrim");
    this.drawerToggle = $("drawer-toggle");

    this.history = new global.TaleHistory("");
    this.noecho = false;     // the next line is secret
    this.mud = false;        // a shared world (connected.mode "mud")
    this.pending = 0;        // commands sent whose reply has not come yet
    this.choices = [];       // the open menu's options
    this.confirmRestart = false; // the Restart button awaits the driver's "Are you sure?"
    this.comp = null;        // {prefix, candidates, index, value}: Tab state
    this.story = null;
    this.lastMessage = null;
    this.received = 0;       // messages handled (every type)
    this.seq = -1;           // seq of the last stream event shown

    this.statusKey = "";     // what the status line shows, so it changes only when that does
    this.tick = null;        // the countdown's timer
    this.heldNote = null;    // the "not connected" note of this outage, if one is shown
    this.narrations = {};    // narration id -> its entry, while its pieces stream

    var self = this;
    // ?transport= forces one; ?retry_base_ms= and ?retry_max_ms= set the
    // reconnect backoff (clamped by the transport), for tests and trials.
    var q = new URLSearchParams(global.location.search);
    this.conn = new global.TaleConnection({
      mode: q.get("transport") || "auto",
      baseDelay: q.get("retry_base_ms"),
      maxDelay: q.get("retry_max_ms"),
      onMessage: function (m) { self.handle(m); },
      onStatus: function (s, info) { self.showStatus(s, info); }
    });
    this.bind();
    this.narrationSetting();
  }

  // ---- incoming ----

  Client.prototype.handle = function (m) {
    this.lastMessage = m.type;
    switch (m.type) {
      case "connected": this.onConnected(m); break;
      case "text": this.onText(m); break;
      case "choices": this.onChoices(m); break;
      case "data": this.onData(m); break;
      case "completions": this.onCompletions(m); break;
      case "message_error": this.onError(m); break;
      case "notice": this.note(m.text || "", "notice"); this.replied(); break;
      default: break; // pong and future types
    }
    // What has been shown so far, for the console, tests and styles:
    // taleClient.received counts the messages handled, taleClient.seq is
    // the seq of the last event shown (also body[data-seq]).
    this.received++;
    if (typeof m.seq === "number") {
      this.seq = m.seq;
      doc.body.dataset.seq = String(m.seq);
    }
  };

  Client.prototype.onConnected = function (m) {
    var story = m.story || {};
    if (typeof story === "string") story = { name: story };
    this.story = story;
    if (story.name) {
      doc.title = story.name;
      var a = doc.querySelector("#story-title a");
      if (a) a.textContent = story.name;
    }
    this.history.setKey("tale.history." + (story.id || story.name || "story"));
    // MUD mode: a shared world. Others show in the Players section, and
    // the ending's button joins again instead of restarting.
    this.mud = m.mode === "mud";
    doc.body.dataset.mode = this.mud ? "mud" : "if";
    $("players-section").hidden = !this.mud;
    $("restart").textContent = this.mud ? "Join again" : "Restart";
    if (m.newSession) this.note("The server was restarted; this is a new game.");
    if (this.heldNote) {
      this.heldNote = null;
      if (this.input.value !== "") this.note("Connected again. Your command is still in the box: press Enter to send it.", "back");
    }
  };

  Client.prototype.onText = function (m) {
    var special = Array.isArray(m.special) ? m.special : [];
    if (special.indexOf("narration") >= 0) {
      // Not a reply: the command's own text came before it.
      if (m.narration && typeof m.narration === "object") this.onNarration(m.narration, typeof m.text === "string" ? m.text : "");
      return;
    }
    if (special.indexOf("clear") >= 0) {
      this.clearPane();
      this.confirmRestart = false; // restarted without asking
    }
    if (typeof m.text === "string" && m.text.trim() !== "") {
      var div = doc.createElement("div");
      div.className = "entry out";
      div.appendChild(safeHTML(m.text)); // server-rendered, escaped HTML (see the file comment)
      this.append(div);
    }
    if (typeof m.location === "string" && m.location !== "") this.updateSidebar(m);
    if (special.indexOf("noecho") >= 0) this.setNoEcho(true);
    if (special.indexOf("end") >= 0) this.showEnding(m);
    this.replied();
  };

  // onNarration shows one event of a model's narration (docs/protocol.md):
  // the first piece makes its entry, each piece is appended, the final
  // replaces the pieces, and an empty final takes them back. The pieces
  // are aria-hidden, so a screen reader hears no half sentences; the
  // final is a new node in the log, announced once as an addition.
  Client.prototype.onNarration = function (n, html) {
    var id = String(n.id);
    var entry = this.narrations[id];
    if (entry && entry.parentNode !== this.pane) entry = null; // cleared, or trimmed off the top
    if (!n.final) {
      if (html === "") return;
      if (!entry) {
        entry = this.narrationEntry(id);
        entry.setAttribute("aria-hidden", "true");
        entry.setAttribute("aria-busy", "true");
        entry.appendChild(doc.createElement("p"));
        this.narrations[id] = entry;
        this.append(entry);
      }
      var follow = this.atBottom();
      entry.firstChild.appendChild(safeHTML(html)); // an inline piece: text and <br>
      if (follow) this.scrollToBottom();
      else this.newTextBtn.hidden = false;
      return;
    }
    delete this.narrations[id];
    if (html.trim() === "") {
      if (entry) this.pane.removeChild(entry);
      return;
    }
    var done = this.narrationEntry(id);
    done.appendChild(safeHTML(html)); // paragraphs, escaped like all story text
    if (entry) {
      var follow2 = this.atBottom();
      this.pane.replaceChild(done, entry);
      if (follow2) this.scrollToBottom();
    } else {
      this.append(done);
    }
  };

  Client.prototype.narrationEntry = function (id) {
    var div = doc.createElement("div");
    div.className = "entry out narration";
    div.dataset.narrationId = id;
    return div;
  };

  // narrationSetting adds the sidebar's switch for the narration's mark
  // (the ✎, the italic and the fading), kept in localStorage per browser.
  Client.prototype.narrationSetting = function () {
    var hidden = false;
    try { hidden = global.localStorage.getItem(MARK_KEY) === "hidden"; } catch (e) { /* storage off: the default */ }
    doc.body.classList.toggle("hide-narration-mark", hidden);
    var section = doc.createElement("section");
    section.className = "settings";
    section.setAttribute("aria-labelledby", "settings-h");
    var h = doc.createElement("h3");
    h.id = "settings-h";
    h.textContent = "Settings";
    var label = doc.createElement("label");
    var box = doc.createElement("input");
    box.type = "checkbox";
    box.id = "narration-mark";
    box.checked = !hidden;
    box.addEventListener("change", function () {
      doc.body.classList.toggle("hide-narration-mark", !box.checked);
      try {
        if (box.checked) global.localStorage.removeItem(MARK_KEY);
        else global.localStorage.setItem(MARK_KEY, "hidden");
      } catch (e) { /* not remembered, still applied */ }
    });
    label.appendChild(box);
    label.appendChild(doc.createTextNode(" Mark the language model\u2019s narration (\u270E)"));
    var hint = doc.createElement("p");
    hint.className = "setting-hint";
    hint.textContent = "Type \u201Cnarration off\u201D to stop it, \u201Cnarration on\u201D to have it back.";
    section.appendChild(h);
    section.appendChild(label);
    section.appendChild(hint);
    this.sidebar.appendChild(section);
  };

  Client.prototype.onChoices = function (m) {
    var self = this;
    var list = Array.isArray(m.choices) ? m.choices : [];
    var confirming = this.confirmRestart;
    this.confirmRestart = false;
    if (confirming) {
      // The Restart button already said what the player wants: answer the
      // driver's "Are you sure?" instead of asking a second time.
      var yes = list.filter(function (c) { return c && String(c.choice_id) === "yes"; })[0];
      if (yes) {
        this.replied();
        this.pick({ choice_id: "yes", label: yes.choice_text || "Yes" });
        return;
      }
    }
    this.choices = list.filter(function (c) { return c && c.choice_id !== undefined; });
    this.choiceList.textContent = "";
    this.choicesPrompt.textContent = "";
    this.choicesPrompt.appendChild(inlineHTML(m.prompt || "Choose:"));
    this.choices.forEach(function (c, i) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "choice";
      b.dataset.choiceId = String(c.choice_id);
      if (i < 9) {
        var k = doc.createElement("kbd");
        k.textContent = String(i + 1);
        k.setAttribute("aria-hidden", "true");
        b.appendChild(k);
      }
      var label = doc.createElement("span");
      label.className = "choice-text";
      label.appendChild(inlineHTML(c.choice_text === undefined ? c.choice_id : c.choice_text));
      b.appendChild(label);
      c.label = label.textContent.trim();
      b.addEventListener("click", function () { self.pick(c); });
      self.choiceList.appendChild(b);
    });
    this.choicesEl.hidden = this.choices.length === 0;
    this.replied();
    this.keepBottom();
  };

  Client.prototype.onData = function (m) {
    var mime = typeof m.mime === "string" ? m.mime : "";
    var data = typeof m.data === "string" ? m.data.replace(/\s+/g, "") : "";
    var src;
    if (data !== "") {
      if (!/^image\/(png|jpeg|gif|webp|avif|svg\+xml)$/.test(mime) || !/^[A-Za-z0-9+/]*=*$/.test(data)) return;
      src = "data:" + mime + ";base64," + data;
    } else if (typeof m.url === "string" && m.url !== "") {
      var u = new URL(m.url, global.location.href);
      if (u.origin !== global.location.origin) return; // only the game's own pictures
      src = u.href;
    } else {
      return;
    }
    var img = doc.createElement("img");
    img.className = "story-image";
    img.alt = typeof m.alt === "string" ? m.alt : "";
    img.src = src;
    var div = doc.createElement("div");
    div.className = "entry image";
    div.appendChild(img);
    this.append(div);
  };

  Client.prototype.onError = function (m) {
    this.note(m.error || "Something went wrong.", "error");
    if (m.failed && typeof m.failed.cmd === "string" && this.input.value === "") {
      this.input.value = m.failed.cmd; // give back what could not be sent
    }
    this.replied();
  };

  // ---- the pane ----

  Client.prototype.atBottom = function () {
    var p = this.pane;
    return p.scrollHeight - p.scrollTop - p.clientHeight <= SCROLL_SLACK_PX;
  };

  Client.prototype.scrollToBottom = function () {
    this.pane.scrollTop = this.pane.scrollHeight;
    this.newTextBtn.hidden = true;
  };

  Client.prototype.append = function (node) {
    var follow = this.atBottom();
    this.pane.appendChild(node);
    while (this.pane.childElementCount > MAX_PANE_ENTRIES) this.pane.removeChild(this.pane.firstElementChild);
    if (follow) this.scrollToBottom();
    else this.newTextBtn.hidden = false;
  };

  // keepBottom re-pins the pane after the layout below it changed.
  Client.prototype.keepBottom = function () {
    if (this.newTextBtn.hidden) this.scrollToBottom();
  };

  Client.prototype.clearPane = function () {
    this.pane.textContent = "";
    this.narrations = {};
    this.newTextBtn.hidden = true;
    this.hideEnding();
  };

  Client.prototype.echo = function (text, secret) {
    var div = doc.createElement("div");
    div.className = "entry in";
    var p = doc.createElement("p");
    p.className = "echo";
    var prompt = doc.createElement("span");
    prompt.className = "echo-prompt";
    prompt.setAttribute("aria-hidden", "true");
    prompt.textContent = "> ";
    var cmd = doc.createElement("span");
    cmd.className = "txt-userinput";
    cmd.textContent = secret ? "\u2022\u2022\u2022\u2022\u2022\u2022" : text; // never innerHTML
    p.appendChild(prompt);
    p.appendChild(cmd);
    div.appendChild(p);
    this.scrollToBottom(); // the player wants to see the answer
    this.append(div);
  };

  Client.prototype.note = function (text, kind) {
    var div = doc.createElement("div");
    div.className = "entry note" + (kind ? " " + kind : "");
    var p = doc.createElement("p");
    p.textContent = text;
    div.appendChild(p);
    this.append(div);
    return div;
  };

  // ---- sidebar ----

  Client.prototype.updateSidebar = function (m) {
    if (typeof m.location === "string" && m.location !== "") {
      $("location-name").textContent = m.location;
    }
    if ("location_image" in m) {
      var img = $("location-image");
      var src = typeof m.location_image === "string" ? m.location_image : "";
      if (src === "") {
        img.hidden = true;
        img.removeAttribute("src");
      } else {
        var u = /^(\/|images\/)/.test(src) ? src : "images/" + src.replace(/^\.?\//, "");
        img.src = new URL(u, global.location.href).href;
        img.alt = "Picture of " + (m.location || $("location-name").textContent);
        img.hidden = false;
      }
    }
    if ("exits" in m) {
      this.fillChips($("exits"), splitList(m.exits), "none", "exit", function (e) { return e; }, function (e) { return "Go " + e; });
    }
    if ("npcs" in m) {
      this.fillChips($("npcs"), splitList(m.npcs), "nobody", "living", function (n) { return "examine " + n; }, function (n) { return "Examine " + n; });
    }
    if ("players" in m) {
      // A player chip starts a tell in the box rather than sending anything.
      this.fillChips($("players"), splitList(m.players), "nobody else", "player", function (n) { return "tell " + n + " "; }, function (n) { return "Tell " + n + " something"; }, true);
    }
    if ("items" in m) {
      this.fillChips($("items"), splitList(m.items), "nothing", "item", function (n) { return "examine " + n; }, function (n) { return "Examine " + n; });
    }
    if (typeof m.turns === "number") $("turns").textContent = String(m.turns);
    this.updateHealth(m);
    if (typeof m.score === "number" && (m.score > 0 || m.max_score > 0)) {
      var max = typeof m.max_score === "number" && m.max_score > 0 ? " / " + m.max_score : "";
      $("score").textContent = m.score + max;
      $("score-row").hidden = false;
    }
  };

  // updateHealth shows "HP 23/30 · level 2" in stories with fighting; the
  // fields are absent in stories without (and hp is absent, not 0, when it
  // is 0: max_hp says whether the story has them).
  Client.prototype.updateHealth = function (m) {
    var row = $("hp-row");
    var top = $("hp-top"); // the same in the top bar, for phones, where the sidebar is a drawer
    if (typeof m.max_hp !== "number" || m.max_hp <= 0) {
      row.hidden = true;
      top.hidden = true;
      return;
    }
    var hp = typeof m.hp === "number" ? m.hp : 0;
    var level = typeof m.level === "number" && m.level > 0 ? m.level : 0;
    var dd = $("hp");
    dd.textContent = hp + "/" + m.max_hp + (level ? " \u00b7 level " + level : "");
    var said = "Health: " + hp + " of " + m.max_hp + " hit points" + (level ? ", level " + level : "");
    dd.setAttribute("aria-label", said);
    dd.title = said;
    row.classList.toggle("low", hp * 3 <= m.max_hp);
    row.hidden = false;
    top.textContent = "HP " + hp + "/" + m.max_hp;
    top.title = said;
    top.classList.toggle("low", hp * 3 <= m.max_hp);
    top.hidden = false;
  };

  // fillChips shows names as buttons that send command(name), or with
  // fill put it in the command line for the player to finish.
  Client.prototype.fillChips = function (box, names, none, kind, command, label, fill) {
    var self = this;
    box.textContent = "";
    if (names.length === 0) {
      var s = doc.createElement("span");
      s.className = "none";
      s.textContent = none;
      box.appendChild(s);
      return;
    }
    names.forEach(function (n) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "chip chip-" + kind;
      b.textContent = n;
      b.title = label(n);
      b.setAttribute("aria-label", label(n));
      b.dataset.command = command(n);
      b.addEventListener("click", function () {
        self.closeDrawer();
        if (fill) {
          self.input.value = command(n);
          self.input.focus();
          return;
        }
        self.submit(command(n), { fromButton: true });
        self.focusInput();
      });
      box.appendChild(b);
    });
  };

  Client.prototype.openDrawer = function () {
    doc.body.classList.add("drawer-open");
    this.drawerToggle.setAttribute("aria-expanded", "true");
    this.scrim.hidden = false;
    $("play").inert = true; // keyboard and screen reader stay in the drawer
    var first = this.sidebar.querySelector("button");
    if (first) first.focus();
  };

  Client.prototype.closeDrawer = function () {
    if (!doc.body.classList.contains("drawer-open")) return;
    doc.body.classList.remove("drawer-open");
    this.drawerToggle.setAttribute("aria-expanded", "false");
    this.scrim.hidden = true;
    $("play").inert = false;
    this.focusInput();
  };

  // focusInput puts the keyboard back on the command line, except on touch
  // screens, where focusing would pop the soft keyboard over the story.
  Client.prototype.focusInput = function () {
    if (global.matchMedia && global.matchMedia("(pointer: coarse)").matches && doc.activeElement !== this.input) return;
    this.input.focus();
  };

  // ---- menus, endings, secret lines ----

  Client.prototype.hideChoices = function () {
    this.choices = [];
    this.choicesEl.hidden = true;
    this.choiceList.textContent = "";
  };

  // pick answers the open menu. The pick is not echoed: the driver's reply
  // starts with the option, quoted, so an echo would show it twice.
  Client.prototype.pick = function (c) {
    if (!this.conn.ready()) {
      this.notConnected(); // the menu stays open for when the connection is back
      return;
    }
    this.hideChoices();
    this.scrollToBottom(); // the player wants to see the answer
    this.sent(this.conn.send({ type: "choice", choice: { choice_id: String(c.choice_id), choice_text: c.label || "" } }));
    this.focusInput();
  };

  Client.prototype.showEnding = function (m) {
    var box = $("ending-text");
    box.textContent = "";
    var ending = m.ending && typeof m.ending === "object" ? m.ending : null;
    var title = ending && ending.title ? ending.title : "";
    $("ending-title").textContent = title ? "The End: " + title : "The story has ended";
    if (ending && ending.id === "quit" && this.mud) {
      $("ending-title").textContent = "You have left the game";
      box.textContent = "The others play on. You can join again, under the same name or another.";
    } else if (ending && ending.id === "quit") {
      box.textContent = "You quit this game."; // a hosted game offers a new one
    } else if (ending && typeof ending.won === "boolean") {
      box.textContent = ending.won ? "You won." : "You did not win this time.";
    }
    if (!(ending && ending.id === "quit")) {
      // The banner stands in the pane where the driver put the ending:
      // under its words, above the score and the question that follow.
      var mark = doc.createElement("div");
      mark.className = "entry ending-mark";
      mark.textContent = "*** " + (title || "The End") + " ***";
      this.append(mark);
    }
    this.endingEl.hidden = false;
    this.keepBottom();
  };

  Client.prototype.hideEnding = function () {
    this.endingEl.hidden = true;
  };

  Client.prototype.setNoEcho = function (on) {
    this.noecho = on;
    this.input.type = on ? "password" : "text";
    this.input.setAttribute("autocomplete", on ? "off" : "off");
    this.input.classList.toggle("secret", on);
  };

  // ---- waiting state ----

  // sent starts the waiting state for a message the transport took (ok),
  // or says that nothing went out.
  Client.prototype.sent = function (ok) {
    if (!ok) {
      this.notConnected();
      return;
    }
    this.pending++;
    this.showWaiting();
  };

  var HELD_TEXT = "Not connected, so nothing was sent. Your command stays in the box: press Enter to send it once the connection is back.";
  var REFUSED_TEXT = "Not connected, so nothing was sent. Try again once the connection is back.";

  // notConnected tells the player that nothing was sent (text says what
  // became of it), in one note per outage: a second try moves the note
  // down, to be read again. It makes an attempt at once: the player is
  // here and wants to play.
  Client.prototype.notConnected = function (text) {
    if (this.heldNote && this.heldNote.parentNode === this.pane) this.pane.removeChild(this.heldNote);
    this.heldNote = this.note(text || REFUSED_TEXT, "held");
    this.conn.retryNow();
  };

  Client.prototype.replied = function () {
    if (this.pending > 0) this.pending--;
    this.showWaiting();
  };

  Client.prototype.showWaiting = function () {
    var self = this;
    var busy = this.pending > 0;
    clearTimeout(this.waitTimer);
    if (busy) {
      // A command may have no visible answer; do not spin forever.
      this.waitTimer = setTimeout(function () { self.pending = 0; self.showWaiting(); }, WAITING_MAX_MS);
    }
    this.waitingEl.hidden = !busy;
    this.pane.setAttribute("aria-busy", "false"); // never hide text from screen readers
    doc.body.classList.toggle("waiting", busy);
  };

  // ---- outgoing ----

  // submit sends a command line and echoes it; the input keeps working.
  // While disconnected it sends nothing and reports false; a button's
  // command goes into an empty box then, for the player to send later.
  Client.prototype.submit = function (line, opts) {
    opts = opts || {};
    if (!this.conn.ready()) {
      var kept = !opts.fromButton || this.input.value === "" || this.input.value === line;
      if (kept) this.setInput(line);
      this.notConnected(kept ? HELD_TEXT : REFUSED_TEXT);
      return false;
    }
    var secret = this.noecho && !opts.fromButton;
    this.hideCompletions();
    this.hideChoices();
    this.hideEnding();
    if (!secret) this.history.add(line);
    else this.history.reset();
    this.echo(line, secret);
    if (secret) this.setNoEcho(false);
    this.sent(this.conn.send({ cmd: line }));
    return true;
  };

  Client.prototype.onSubmit = function (e) {
    e.preventDefault();
    var line = this.input.value;
    if (line.trim() === "" && !this.noecho) {
      this.input.value = "";
      this.history.reset();
      return;
    }
    if (this.conn.ready()) this.input.value = "";
    this.submit(line); // while disconnected, the line stays in the box
    this.input.focus(); // keep the keyboard up, on phones too
  };

  // ---- Tab completion ----

  Client.prototype.tab = function () {
    var v = this.input.value;
    var c = this.comp;
    if (c && c.candidates.length > 1 && (v === c.value || v === c.prefix)) {
      // Repeated Tab: cycle through the candidates.
      c.index = (c.index + 1) % c.candidates.length;
      c.value = c.candidates[c.index];
      this.setInput(c.value);
      this.markCompletion(c.index);
      return;
    }
    this.comp = { prefix: v, candidates: [], index: -1, value: null, asked: true };
    this.conn.complete(v);
  };

  Client.prototype.onCompletions = function (m) {
    var c = this.comp;
    if (!c || !c.asked || m.prefix !== c.prefix || this.input.value !== c.prefix) return;
    c.asked = false;
    var list = splitList(m.candidates).filter(function (s, i, a) { return a.indexOf(s) === i; });
    c.candidates = list;
    if (list.length === 0) {
      this.showCompletions([], "No completions.");
      return;
    }
    if (list.length === 1) {
      this.setInput(list[0]);
      this.hideCompletions();
      this.comp = null;
      return;
    }
    var common = list.reduce(function (a, b) {
      var i = 0;
      while (i < a.length && i < b.length && a[i] === b[i]) i++;
      return a.slice(0, i);
    });
    if (common.length > c.prefix.length) {
      c.prefix = common;
      this.setInput(common);
    }
    c.value = this.input.value;
    this.showCompletions(list);
  };

  Client.prototype.setInput = function (v) {
    this.input.value = v;
    var n = v.length;
    try { this.input.setSelectionRange(n, n); } catch (e) { /* password inputs */ }
  };

  Client.prototype.showCompletions = function (list, empty) {
    var self = this;
    this.completionList.textContent = "";
    if (list.length === 0) {
      var s = doc.createElement("span");
      s.className = "none";
      s.textContent = empty || "";
      this.completionList.appendChild(s);
    }
    list.forEach(function (cand, i) {
      var b = doc.createElement("button");
      b.type = "button";
      b.className = "completion";
      b.textContent = cand;
      b.addEventListener("click", function () {
        self.setInput(cand);
        self.hideCompletions();
        self.focusInput();
      });
      b.dataset.index = String(i);
      self.completionList.appendChild(b);
    });
    this.completionsEl.hidden = false;
    this.keepBottom();
  };

  Client.prototype.markCompletion = function (index) {
    var bs = this.completionList.querySelectorAll(".completion");
    for (var i = 0; i < bs.length; i++) bs[i].classList.toggle("current", i === index);
  };

  Client.prototype.hideCompletions = function () {
    this.completionsEl.hidden = true;
    this.completionList.textContent = "";
  };

  // ---- keys and clicks ----

  Client.prototype.onKey = function (e) {
    if (e.isComposing) return;
    var v;
    switch (e.key) {
      case "ArrowUp":
        if (this.noecho) return;
        v = this.history.prev(this.input.value);
        if (v !== null) { e.preventDefault(); this.setInput(v); }
        return;
      case "ArrowDown":
        if (this.noecho) return;
        v = this.history.next();
        if (v !== null) { e.preventDefault(); this.setInput(v); }
        return;
      case "Tab":
        if (e.shiftKey || e.altKey || e.ctrlKey || e.metaKey || this.noecho) return;
        e.preventDefault();
        this.tab();
        return;
      case "Escape":
        if (!this.completionsEl.hidden) { this.hideCompletions(); this.comp = null; e.preventDefault(); }
        return;
      case "PageUp":
      case "PageDown":
        e.preventDefault();
        this.pane.scrollBy(0, (e.key === "PageUp" ? -1 : 1) * Math.max(40, this.pane.clientHeight - 40));
        return;
      default:
        if (/^[1-9]$/.test(e.key) && this.input.value === "" && this.choices.length > 0 &&
            !e.altKey && !e.ctrlKey && !e.metaKey) {
          var c = this.choices[Number(e.key) - 1];
          if (c) {
            e.preventDefault();
            this.swallow = e.key; // some input paths still deliver the character
            this.pick(c);
          }
        }
    }
  };

  Client.prototype.bind = function () {
    var self = this;
    this.form.addEventListener("submit", function (e) { self.onSubmit(e); });
    this.input.addEventListener("keydown", function (e) { self.onKey(e); });
    this.input.addEventListener("beforeinput", function (e) {
      if (self.swallow && e.data === self.swallow) e.preventDefault();
      self.swallow = null;
    });
    this.input.addEventListener("keyup", function () { self.swallow = null; });
    this.input.addEventListener("input", function () {
      if (self.comp && self.input.value !== self.comp.value) {
        self.comp = null;
        self.hideCompletions();
      }
    });
    this.pane.addEventListener("scroll", function () {
      if (self.atBottom()) self.newTextBtn.hidden = true;
    });
    this.newTextBtn.addEventListener("click", function () {
      self.scrollToBottom();
      self.focusInput();
    });
    // Exits, items and people in the text are clickable too (mouse and touch;
    // the sidebar has the same as buttons for the keyboard).
    this.pane.addEventListener("click", function (e) {
      if (global.getSelection && String(global.getSelection()) !== "") return; // selecting text
      var t = e.target.closest ? e.target.closest(".out .txt-exit, .out .txt-item, .out .txt-living") : null;
      if (!t) return;
      var name = (t.dataset.exit || t.dataset.item || t.dataset.living || t.textContent).trim();
      if (name === "") return;
      self.submit(t.classList.contains("txt-exit") ? name : "examine " + name, { fromButton: true });
    });
    $("restart").addEventListener("click", function () {
      if (self.mud) {
        // Leaving a shared world closed the connection; a new one asks
        // for a name again.
        self.hideEnding();
        self.conn.retryNow();
      } else if (self.submit("restart", { fromButton: true })) {
        self.confirmRestart = true; // onChoices answers the confirmation
      }
      self.focusInput();
    });
    this.retryBtn.addEventListener("click", function () {
      self.conn.retryNow();
      self.focusInput();
    });
    this.drawerToggle.addEventListener("click", function () {
      if (doc.body.classList.contains("drawer-open")) self.closeDrawer();
      else self.openDrawer();
    });
    $("drawer-close").addEventListener("click", function () { self.closeDrawer(); });
    this.scrim.addEventListener("click", function () { self.closeDrawer(); });
    doc.addEventListener("keydown", function (e) {
      if (e.key === "Escape") self.closeDrawer();
    });
    global.addEventListener("resize", function () { self.keepBottom(); });
    // The drawer exists only on narrow screens (style.css); widening the
    // window with it open must not leave the game inert.
    if (global.matchMedia) {
      var narrow = global.matchMedia("(max-width: 52rem)");
      var onChange = function () { if (!narrow.matches) self.closeDrawer(); };
      if (narrow.addEventListener) narrow.addEventListener("change", onChange);
    }
  };

  // ---- connection status ----

  // What the status line says in each state: a short part that fits a
  // phone's top bar beside the menu button, the HP and Retry, and a detail
  // that shows only where there is room (.status-detail in style.css).
  var STATUS_TEXT = {
    connecting: ["Connecting\u2026", ""],
    connected: ["Connected", ""],
    reconnecting: ["Reconnecting\u2026", ""],
    unreachable: ["Offline", ": the server is not reachable"],
    ended: ["Session ended", ": the game is over"],
    unsupported: ["Cannot connect", ": this browser has neither WebSocket nor EventSource"]
  };

  // showStatus shows the connection's state. The line is a live region,
  // so it changes only when the state does; the countdown to the next
  // attempt ticks beside it, hidden from screen readers.
  Client.prototype.showStatus = function (state, info) {
    var transport = info.transport || this.conn.transport || "";
    var text = STATUS_TEXT[state] || [state, ""];
    if (state === "ended" && this.mud) text = ["Left the game", ": the world goes on"];
    var detail = text[1];
    if (state === "connected" && transport === "eventsource") detail = " (EventSource)";
    var key = state + "|" + detail;
    if (key !== this.statusKey) {
      this.statusKey = key;
      this.statusEl.textContent = text[0];
      if (detail) {
        var d = doc.createElement("span");
        d.className = "status-detail";
        d.textContent = detail;
        this.statusEl.appendChild(d);
      }
    }
    this.statusEl.dataset.state = state;
    this.statusEl.dataset.transport = transport;
    doc.body.dataset.connection = state;
    this.retryBtn.hidden = !(state === "unreachable" || state === "ended");
    this.countDown(state === "unreachable" && info.at ? info.at : 0);
  };

  // countDown shows the seconds until the next attempt at, or nothing (0).
  Client.prototype.countDown = function (at) {
    var self = this;
    var el = this.statusTimer;
    clearInterval(this.tick);
    this.tick = null;
    if (!at) {
      el.hidden = true;
      el.textContent = "";
      return;
    }
    var show = function () {
      var s = Math.max(1, Math.ceil((at - Date.now()) / 1000));
      var when = s < 60 ? s + " s" : Math.ceil(s / 60) + " min";
      el.textContent = "";
      var d = doc.createElement("span");
      d.className = "status-detail";
      d.textContent = "retrying in ";
      el.appendChild(d);
      el.appendChild(doc.createTextNode(when));
      el.dataset.seconds = String(s);
    };
    show();
    el.hidden = false;
    this.tick = setInterval(show, TICK_MS);
  };

  Client.prototype.start = function () {
    this.input.focus();
    this.conn.start();
  };

  global.addEventListener("DOMContentLoaded", function () {
    var client = new Client();
    global.taleClient = client; // for the console and the browser tests
    client.start();
  });
})(window);
