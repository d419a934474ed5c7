// transport.js — the connection to the game server (docs/protocol.md).
//
// A TaleConnection tries the WebSocket (/tale/ws) first. If that socket
// fails before it ever opened — a server without --websocket answers the
// upgrade with 404 — it falls back, for the rest of the page's life, to the
// EventSource stream (/tale/eventsource) with input sent by POST
// (/tale/input).
//
// Either way it resumes after a drop: it remembers the session token from
// the `connected` message and the highest sequence number it handed on, and
// reconnects with exponential backoff and jitter, asking for the events after
// that number (/tale/ws?session=TOKEN&since=SEQ; an EventSource that the
// browser reconnects itself sends Last-Event-ID). Any event whose seq is not
// newer than what was already shown is dropped, so no line shows twice.
// Commands typed while the connection is down wait in an outbox and go out,
// once, when it is back.
"use strict";

(function (global) {
  var BASE_DELAY_MS = 500;      // first retry comes quickly: most drops are blips
  var MAX_DELAY_MS = 15000;     // a waiting player should not wait longer than this
  var MAX_ATTEMPTS = 8;         // about a minute of trying before we say the server is gone
  var PING_INTERVAL_MS = 25000; // below the 30–60 s idle limits of proxies
  var DEAD_AFTER_MS = 65000;    // nothing heard for this long: the socket is dead
  var MAX_OUTBOX = 50;          // commands kept while disconnected

  // Types that belong to the session's event stream and carry seq.
  var STREAM_TYPES = { text: true, choices: true, data: true };
  // Every type the server sends; EventSource needs a listener for each.
  var ALL_TYPES = ["connected", "text", "choices", "data", "completions", "pong", "message_error"];

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
    this.attempts = 0;
    this.wsEverOpened = false;
    this.ws = null;
    this.es = null;
    this.esErrors = 0;
    this.timer = null;
    this.pingTimer = null;
    this.lastHeard = 0;
    this.connected = false;
    this.gaveUp = false;
    this.ended = false;
    this.held = false;
    this.closed = false;
    this.outbox = [];
    this.stats = { connects: 0, dropped: 0, fallbacks: 0, pongs: 0 };
    this.baseDelay = BASE_DELAY_MS;
    this.maxDelay = MAX_DELAY_MS;
    this.maxAttempts = MAX_ATTEMPTS;
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

  TaleConnection.prototype.resumeParams = function () {
    if (!this.session) return null;
    var p = { session: this.session };
    if (this.lastSeq >= 0) p.since = this.lastSeq;
    return p;
  };

  TaleConnection.prototype.start = function () {
    var self = this;
    global.addEventListener("online", function () { if (!self.ended) self.retryNow(); });
    global.addEventListener("pagehide", function () { self.close(); });
    global.addEventListener("pageshow", function (e) {
      if (e.persisted) { self.closed = false; self.retryNow(); }
    });
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible" && !self.connected && !self.ended) self.retryNow();
    });
    this.connect();
  };

  TaleConnection.prototype.connect = function () {
    clearTimeout(this.timer);
    this.timer = null;
    if (this.closed) return;
    this.status(this.attempts === 0 ? "connecting" : "reconnecting");
    if (this.mode === "eventsource" || this.transport === "eventsource") {
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
    this.es = es;
    this.esErrors = 0;
    es.onopen = function () {
      if (self.es !== es) return;
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
      if (es.readyState === EventSource.CLOSED || self.esErrors >= 2) {
        // The browser gave up (an HTTP error), or its own retries keep
        // failing: take over with our backoff and a visible count.
        es.close();
        self.es = null;
        self.lost(0);
      } else {
        // The browser reconnects by itself and sends Last-Event-ID.
        self.status("reconnecting");
      }
    };
  };

  // ---- common ----

  TaleConnection.prototype.lost = function (code) {
    this.stats.dropped++;
    if (this.closed) return;
    if (this.held) {
      this.status("reconnecting");
      return;
    }
    if (code === 1000) {
      // A normal close from the server: the game session is over (quit).
      // Nothing to resume; the player may start again with the button.
      this.gaveUp = true;
      this.ended = true;
      this.attempts = this.maxAttempts + 1;
      this.status("ended");
      return;
    }
    this.attempts++;
    if (this.attempts > this.maxAttempts) {
      this.gaveUp = true;
      this.status("unreachable");
      return;
    }
    var delay = Math.min(this.maxDelay, this.baseDelay * Math.pow(2, this.attempts - 1));
    delay = Math.round(delay / 2 + Math.random() * delay / 2); // jitter: herds of tabs spread out
    var self = this;
    this.status("reconnecting", { delay: delay, attempt: this.attempts, code: code });
    this.timer = setTimeout(function () { self.connect(); }, delay);
  };

  // retryNow skips the backoff wait (the Retry button, the browser coming online).
  TaleConnection.prototype.retryNow = function () {
    if (this.closed || this.connected || this.ws || this.es) return;
    this.gaveUp = false;
    this.ended = false;
    if (this.attempts > this.maxAttempts) this.attempts = 0;
    this.connect();
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
      if (msg.session) this.session = msg.session;
      this.fresh = this.lastSeq < 0;
      this.snapSeq = null;
      this.connected = true;
      this.attempts = 0;
      this.gaveUp = false;
      this.stats.connects++;
      this.status("connected", { transport: this.transport });
      this.onMessage(msg);
      this.flush();
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

  // send delivers a client message (a command or a choice), now or, when
  // the connection is down, as soon as it is back. It returns "sent" or
  // "queued".
  TaleConnection.prototype.send = function (obj) {
    if (this.ready()) {
      this.deliver(obj);
      return "sent";
    }
    if (this.outbox.length >= MAX_OUTBOX) this.outbox.shift();
    this.outbox.push(obj);
    if (this.gaveUp) this.retryNow();
    return "queued";
  };

  TaleConnection.prototype.flush = function () {
    while (this.outbox.length && this.ready()) this.deliver(this.outbox.shift());
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

  TaleConnection.MAX_ATTEMPTS = MAX_ATTEMPTS;
  global.TaleConnection = TaleConnection;
})(window);
