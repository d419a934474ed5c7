// history.js — the command history of the input line.
//
// Up/Down walk through earlier commands; past the newest entry comes the
// line the player was typing before they started browsing (the draft, blank
// if there was none). Entries are kept in localStorage per story, bounded,
// never blank, never a repeat of the previous entry, never a secret (noecho)
// line: the caller simply does not add those.
"use strict";

(function (global) {
  var MAX_ENTRIES = 200; // enough for a long session; localStorage stays small

  function History(storageKey) {
    this.key = storageKey || "";
    this.entries = [];
    this.index = 0; // == entries.length: the draft slot
    this.draft = "";
    this.load();
  }

  History.prototype.setKey = function (storageKey) {
    if (storageKey === this.key) return;
    this.key = storageKey;
    this.load();
  };

  History.prototype.load = function () {
    this.entries = [];
    if (this.key) {
      try {
        var raw = global.localStorage.getItem(this.key);
        var list = raw ? JSON.parse(raw) : [];
        if (Array.isArray(list)) {
          this.entries = list.filter(function (e) { return typeof e === "string" && e.trim() !== ""; })
            .slice(-MAX_ENTRIES);
        }
      } catch (e) { /* private mode or bad JSON: start empty */ }
    }
    this.reset();
  };

  History.prototype.save = function () {
    if (!this.key) return;
    try {
      global.localStorage.setItem(this.key, JSON.stringify(this.entries));
    } catch (e) { /* quota or private mode: history is a convenience */ }
  };

  // reset puts the cursor back on the (empty) draft slot.
  History.prototype.reset = function () {
    this.index = this.entries.length;
    this.draft = "";
  };

  // add records a line the player sent. Callers skip secret lines.
  History.prototype.add = function (line) {
    if (typeof line !== "string" || line.trim() === "") { this.reset(); return; }
    if (this.entries[this.entries.length - 1] !== line) {
      this.entries.push(line);
      if (this.entries.length > MAX_ENTRIES) {
        this.entries.splice(0, this.entries.length - MAX_ENTRIES);
      }
      this.save();
    }
    this.reset();
  };

  // prev returns the older entry to show, or null when there is none.
  // current is what the input holds now; it becomes the draft when the
  // player leaves the draft slot.
  History.prototype.prev = function (current) {
    if (this.index === 0) return null;
    if (this.index === this.entries.length) this.draft = current;
    this.index--;
    return this.entries[this.index];
  };

  // next returns the newer entry, the draft past the newest, or null.
  History.prototype.next = function () {
    if (this.index >= this.entries.length) return null;
    this.index++;
    if (this.index === this.entries.length) return this.draft;
    return this.entries[this.index];
  };

  History.MAX_ENTRIES = MAX_ENTRIES;
  global.TaleHistory = History;
})(window);
