// transport.js — the connection to the game server (docs/protocol.md).
//
// A TaleConnection tries the WebSocket (/tale/ws) first. If that socket
// fails before it ever opened — a server without --websocket answers the
// upgrade with 404 — it falls back to the EventSource stream
// (/tale/eventsource) with input sent by POST (/tale/input), and keeps that
// for the rest of the page's life once the stream has connected.
//
// Either way it resumes after a drop: it remembers the session token from
// the `connected` message and the highest sequence number it handed on, and
// reconnects asking for the events after that number
// (/tale/ws?session=TOKEN&since=SEQ; an EventSource that the browser
// reconnects itself sends Last-Event-ID). Any event whose seq is not newer
// than what was already shown is dropped, so no line shows twice.
//
// It never gives up: the waits between attempts grow exponentially, with
// jitter, up to a cap, for as long as the page is open; a player who comes
// back (the tab is focused or shown again, the network returns) gets an
// attempt at once. It sends nothing while disconnected: send says so, and
// the page keeps the command for the player to send when it is back, so a
// line typed for one game never lands in the next.
"use strict";

(function (global) {
  var BASE_DELAY_MS = 500;       // first retry comes quickly: most drops are blips
  var MAX_DELAY_MS = 30000;      // the cap matters for tabs nobody watches: a player who comes back gets an attempt at once
  var MIN_SET_DELAY_MS = 20;     // floor for delays set in the page's URL: a link cannot make the page hammer a server
  var MAX_SET_DELAY_MS = 600000; // ceiling for the same: ten minutes, long enough to test the immediate retries
  var MAX_DOUBLINGS = 30;        // base × 2^30 is past any cap; keeps the arithmetic finite however long the outage
  var UNREACHABLE_AFTER = 3;     // failed attempts (about 2 s) before the page says plainly the server is not reachable
  var PING_INTERVAL_MS = 25000;  // below the 30–60 s idle limits of proxies
  var DEAD_AFTER_MS = 65000;     // nothing heard for this long: the socket is dead

  // Types that belong to the session's event stream and carry seq.
  var STREAM_TYPES = { text: true, choices: true, data: true };
  // Every type the server sends; EventSource needs a listener for each.
  var ALL_TYPES = ["connected", "text", "choices", "data", "completions", "pong", "message_error", "notice"];

  // backoffDelay is the wait in ms before attempt number attempt (1, 2, …)
  // after a drop: base doubled for each earlier attempt, at most cap, then
  // spread over its upper half by rand (in [0, 1)), so the tabs that lost
  // a server together do not all come back in the same instant.
  function backoffDelay(attempt, base, cap, rand) {
    var doublings = Math.min(Math.max(attempt, 1) - 1, MAX_DOUBLINGS);
    var d = Math.min(cap, base * Math.pow(2, doublings));
    return Math.round(d / 2 + rand * d / 2);
  }

  // delayOption reads a delay in ms given to the page (a URL parameter):
  // def when absent or not a number, else clamped to the allowed range.
  function delayOption(v, def) {
    if (v === undefined || v === null || v === "") return def;
    var n = Number(v);
    if (!isFinite(n)) return def;
    return Math.min(MAX_SET_DELAY_MS, Math.max(MIN_SET_DELAY_MS, Math.round(n)));
  }

  function TaleConnection(opts) {
    opts = opts || {};
    this.base = opts.base || global.location.href;
    this.onMessage = opts.onMessage || function () {};
    this.onStatus = opts.onStatus || function () {};
    this.mode = opts.mode || "auto"; // "auto" | "websocket" | "eventsource"
    this.transport = null;           // "websocket" or "eventsource" once chosen
    this.session = "";
    this.lastSeq = -1;               // highest seq handed on; -1: none yet
    this.snapSeq = null;             // seq of a snapshot group being accepted
    this.fresh = true;               // the current stream starts with a snapshot
    this.attempts = 0;               // failed attempts since the last connection
    this.nextTry = 0;                // when the waiting attempt starts (ms since the epoch); 0: none waits
    this.wsEverOpened = false;
    this.esConfirmed = false;        // the EventSource fallback has connected: keep it
    this.ws = null;
    this.es = null;
    this.esErrors = 0;
    this.timer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
    this.connected = false;
    this.ended = false;              // the server ended the game (close 1000): wait for the player
    this.held = false;
    this.closed = false;
    this.stats = { connects: 0, dropped: 0, fallbacks: 0, pongs: 0, tries: 0 };
    this.baseDelay = delayOption(opts.baseDelay, BASE_DELAY_MS);
    this.maxDelay = Math.max(this.baseDelay, delayOption(opts.maxDelay, MAX_DELAY_MS));
    this.pingInterval = PING_INTERVAL_MS;
  }

  TaleConnection.prototype.url = function (path, params) {
    var u = new URL(path, this.base);
    u.search = "";
    u.hash = "";
    if (params) {
      Object.keys(params).forEach(function (k) { u.searchParams.set(k, String(params[k])); });
    }
    return u;
  };

  // resumeParams asks for a command's state folded into its text (one
  // message per reply; docs/protocol.md, "Folded state") and, once there
  // is a session, to resume where the last connection stopped.
  TaleConnection.prototype.resumeParams = function () {
    var p = { fold: 1 };
    if (!this.session) return p;
    p.session = this.session;
    if (this.lastSeq >= 0) p.since = this.lastSeq;
    return p;
  };

  TaleConnection.prototype.start = function () {
    var self = this;
    // Signs that the player (or the network) is back: try now rather than
    // after the rest of the wait.
    var wake = function () { self.wake(); };
    global.addEventListener("online", wake);
    global.addEventListener("focus", wake);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") self.wake();
    });
    global.addEventListener("pagehide", function () { self.close(); });
    global.addEventListener("pageshow", function (e) {
      if (e.persisted) { self.closed = false; self.wake(); }
    });
    this.connect();
  };

  // state names the connection's state while it is down.
  TaleConnection.prototype.downState = function () {
    if (this.attempts === 0 && this.stats.connects === 0) return "connecting";
    return this.attempts >= UNREACHABLE_AFTER ? "unreachable" : "reconnecting";
  };

  TaleConnection.prototype.connect = function () {
    clearTimeout(this.timer);
    this.timer = null;
    this.nextTry = 0;
    if (this.closed) return;
    this.stats.tries++;
    this.status(this.downState(), { trying: true });
    if (this.mode === "eventsource" || (this.transport === "eventsource" && this.esConfirmed)) {
      this.openEventSource();
    } else {
      this.openWebSocket();
    }
  };

  // ---- WebSocket ----

  TaleConnection.prototype.openWebSocket = function () {
    var self = this;
    var u = this.url("ws", this.resumeParams());
    u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
    var ws;
    try {
      ws = new WebSocket(u.href);
    } catch (e) {
      this.fallBack();
      return;
    }
    var opened = false;
    this.ws = ws;
    ws.onopen = function () {
      if (self.ws !== ws) return;
      opened = true;
      self.wsEverOpened = true;
      self.transport = "websocket";
      self.lastHeard = Date.now();
      self.startPing();
    };
    ws.onmessage = function (e) {
      if (self.ws !== ws) return;
      self.lastHeard = Date.now();
      self.receive(e.data);
    };
    ws.onclose = function (e) {
      if (self.ws !== ws) return;
      self.ws = null;
      self.stopPing();
      self.connected = false;
      if (!opened && !self.wsEverOpened && self.mode === "auto") {
        self.fallBack();
        return;
      }
      self.lost(e.code);
    };
  };

  TaleConnection.prototype.fallBack = function () {
    this.stats.fallbacks++;
    this.transport = "eventsource";
    this.openEventSource();
  };

  TaleConnection.prototype.startPing = function () {
    var self = this;
    this.stopPing();
    this.pingTimer = setInterval(function () {
      var ws = self.ws;
      if (!ws || ws.readyState !== WebSocket.OPEN) return;
      if (Date.now() - self.lastHeard > Math.max(DEAD_AFTER_MS, 2.5 * self.pingInterval)) {
        // A half-open socket may take minutes to report itself; give up on it now.
        self.ws = null;
        self.stopPing();
        self.connected = false;
        try { ws.close(4000, "no pong"); } catch (e) { /* already closing */ }
        self.lost(4000);
        return;
      }
      ws.send(JSON.stringify({ type: "ping" }));
    }, this.pingInterval);
  };

  TaleConnection.prototype.stopPing = function () {
    clearInterval(this.pingTimer);
    this.pingTimer = null;
  };

  // ---- EventSource ----

  TaleConnection.prototype.openEventSource = function () {
    var self = this;
    this.transport = "eventsource";
    if (typeof global.EventSource !== "function") {
      this.status("unsupported");
      return;
    }
    var es = new EventSource(this.url("eventsource", this.resumeParams()).href);
    var opened = false;
    this.es = es;
    this.esErrors = 0;
    es.onopen = function () {
      if (self.es !== es) return;
      opened = true;
      self.lastHeard = Date.now();
    };
    var onEvent = function (e) {
      if (self.es !== es) return;
      self.lastHeard = Date.now();
      self.esErrors = 0;
      self.receive(e.data);
    };
    ALL_TYPES.forEach(function (t) { es.addEventListener(t, onEvent); });
    es.onmessage = onEvent; // events sent without an "event:" line
    es.onerror = function () {
      if (self.es !== es) return;
      self.connected = false;
      self.esErrors++;
      if (!opened || es.readyState === EventSource.CLOSED || self.esErrors >= 2) {
        // Our attempt failed, the browser gave up (an HTTP error), or its
        // own retries keep failing: take over with our backoff.
        es.close();
        self.es = null;
        self.lost(0);
      } else {
        // The browser reconnects by itself and sends Last-Event-ID.
        self.status(self.downState(), { trying: true });
      }
    };
  };

  // ---- common ----

  TaleConnection.prototype.lost = function (code) {
    this.stats.dropped++;
    clearTimeout(this.timer);
    this.timer = null;
    this.nextTry = 0;
    if (this.closed) return;
    if (this.held) {
      this.status("reconnecting");
      return;
    }
    if (code === 1000) {
      // A normal close from the server: the game session is over (quit).
      // Nothing to resume; the player may start again with the button.
      this.ended = true;
      this.status("ended");
      return;
    }
    this.attempts++;
    var delay = backoffDelay(this.attempts, this.baseDelay, this.maxDelay, Math.random());
    this.nextTry = Date.now() + delay;
    this.status(this.downState(), { delay: delay, at: this.nextTry, attempt: this.attempts, code: code });
    var self = this;
    this.timer = setTimeout(function () { self.connect(); }, delay);
  };

  // retryNow makes an attempt at once instead of after the wait (the Retry
  // button). It does nothing while connected or while an attempt is on its
  // way, and nothing while a test holds the connection away.
  TaleConnection.prototype.retryNow = function () {
    if (this.closed || this.held || this.connected || this.ws || this.es) return;
    this.ended = false;
    this.connect();
  };

  // wake is retryNow for the signs that the player or the network is back;
  // after the game ended it waits for the player's Retry instead.
  TaleConnection.prototype.wake = function () {
    if (!this.ended) this.retryNow();
  };

  // drop cuts the current connection as a network failure would; the
  // client reconnects and resumes. With hold it stays away until release
  // is called, so a test can make the game move on meanwhile. Used by the
  // browser tests and handy for trying resume by hand from the console.
  TaleConnection.prototype.drop = function (hold) {
    this.held = !!hold;
    if (this.ws) {
      this.ws.close(4000, "dropped by the page");
    } else if (this.es) {
      var es = this.es;
      this.es = null;
      es.close();
      this.connected = false;
      this.lost(0);
    }
  };

  TaleConnection.prototype.release = function () {
    if (!this.held) return;
    this.held = false;
    if (!this.ws && !this.es) this.connect();
  };

  TaleConnection.prototype.close = function () {
    this.closed = true;
    clearTimeout(this.timer);
    this.stopPing();
    if (this.ws) { var ws = this.ws; this.ws = null; ws.close(1000, "page closed"); }
    if (this.es) { this.es.close(); this.es = null; }
  };

  TaleConnection.prototype.status = function (state, info) {
    this.onStatus(state, info || {}, this);
  };

  TaleConnection.prototype.receive = function (data) {
    var msg;
    try {
      msg = JSON.parse(data);
    } catch (e) {
      return;
    }
    if (!msg || typeof msg !== "object" || typeof msg.type !== "string") return;
    if (msg.type === "connected") {
      if (this.session && msg.session && msg.session !== this.session) {
        // Another session (the server restarted): its numbers start afresh.
        msg.newSession = true;
        this.lastSeq = -1;
      }
      if (typeof msg.seq === "number" && msg.seq < this.lastSeq) {
        // The server's stream is behind what this page has shown: a new
        // one (in a shared world, a new player after leaving). Its
        // numbers start afresh.
        this.lastSeq = -1;
      }
      if (msg.session) this.session = msg.session;
      this.fresh = this.lastSeq < 0;
      this.snapSeq = null;
      this.connected = true;
      this.attempts = 0;
      if (this.transport === "eventsource") this.esConfirmed = true;
      this.stats.connects++;
      this.status("connected", { transport: this.transport });
      this.onMessage(msg);
      return;
    }
    if (msg.type === "pong") this.stats.pongs++;
    if (STREAM_TYPES[msg.type] && typeof msg.seq === "number" && !this.accept(msg)) {
      return;
    }
    this.onMessage(msg);
  };

  // accept decides whether a stream message is new. Snapshot messages (a
  // fresh stream's first look and state, or a resync after `clear`) repeat
  // the seq of the last real event, so a group of them shares one seq.
  TaleConnection.prototype.accept = function (msg) {
    var seq = msg.seq;
    var clear = Array.isArray(msg.special) && msg.special.indexOf("clear") >= 0;
    if (seq > this.lastSeq) {
      this.snapSeq = (this.fresh || clear) ? seq : null;
      this.fresh = false;
      this.lastSeq = seq;
      return true;
    }
    if (seq === this.lastSeq && (this.snapSeq === seq || (clear && this.lastSeq >= 0))) {
      this.snapSeq = seq;
      return true;
    }
    return false;
  };

  TaleConnection.prototype.ready = function () {
    if (!this.connected) return false;
    if (this.transport === "websocket") return !!this.ws && this.ws.readyState === WebSocket.OPEN;
    return true;
  };

  // send delivers a client message (a command or a choice) and reports
  // true, or, when the connection is down, sends nothing and reports false:
  // nothing is kept to go out later, because "later" may be another game.
  TaleConnection.prototype.send = function (obj) {
    if (!this.ready()) return false;
    this.deliver(obj);
    return true;
  };

  TaleConnection.prototype.deliver = function (obj) {
    var body = JSON.stringify(obj);
    if (this.transport === "websocket") {
      this.ws.send(body);
      return;
    }
    var self = this;
    var headers = { "Content-Type": "application/json" };
    if (this.session) headers["X-Tale-Session"] = this.session;
    fetch(this.url("input", this.session ? { session: this.session } : null).href, {
      method: "POST", headers: headers, body: body, credentials: "same-origin"
    }).then(function (r) {
      if (r.ok) return;
      return r.text().then(function (t) {
        var err = "";
        try { err = JSON.parse(t).error || ""; } catch (e) { err = ""; }
        self.onMessage({ type: "message_error", status: "error", error: err || ("The server refused the command (HTTP " + r.status + ")."), failed: obj });
      });
    }, function () {
      self.onMessage({ type: "message_error", status: "error", error: "Your command could not be sent; the server is not reachable.", failed: obj });
    });
  };

  // complete asks for completions of prefix; the answer arrives through
  // onMessage as a `completions` message on either transport.
  TaleConnection.prototype.complete = function (prefix) {
    if (this.transport === "websocket") {
      if (this.ready()) this.ws.send(JSON.stringify({ cmd: prefix, autocomplete: 1 }));
      return;
    }
    var self = this;
    var params = { prefix: prefix };
    if (this.session) params.session = this.session;
    fetch(this.url("tabcomplete", params).href, { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : []; })
      .then(function (body) {
        var list = Array.isArray(body) ? body : (body && (body.candidates || body.completions)) || [];
        self.onMessage({ type: "completions", prefix: prefix, candidates: list });
      }, function () { /* no completions: nothing to show */ });
  };

  // For the console and the browser tests.
  TaleConnection.backoffDelay = backoffDelay;
  TaleConnection.delayOption = delayOption;
  TaleConnection.defaults = {
    baseDelay: BASE_DELAY_MS, maxDelay: MAX_DELAY_MS, minSetDelay: MIN_SET_DELAY_MS,
    maxSetDelay: MAX_SET_DELAY_MS, unreachableAfter: UNREACHABLE_AFTER
  };
  global.TaleConnection = TaleConnection;
})(window);
