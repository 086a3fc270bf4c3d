// camel-av live player: a camera's fragmented MP4 from ws://HOST/live/ID into Media Source Extensions, kept at the
// live edge, measuring its own latency.
//
// The server sends {"type":"mse","codecs":...} and then binary messages: the init segment, then one fragment per
// picture, each led by a Producer Reference Time box (prft) saying when the server muxed it (its wall clock) and the
// media time of its picture. requestVideoFrameCallback tells when each picture is presented on this machine's clock,
// so  latency = presented (performance.timeOrigin + expectedDisplayTime) - muxed (prft), both from the one clock
// of the machine that runs server and browser (the bench; on two machines the clocks must agree).
//
// Staying live (the drift Frigate #13058 reports is a player that never catches up once behind):
//  - lag = the buffered end minus currentTime. Above JUMP_S (1.0 s) the player seeks to the live edge at once;
//  - between CATCH_UP_S (0.15 s) and JUMP_S it plays faster (playbackRate up to 1.5, in proportion to the lag);
//  - below, at 1.0. The bound is checked after every append and every 250 ms.
// A jump is rare by design: seeking restarts the decoder, and seeking on every fragment would starve it (OpenIPC
// majestic-webui #394). Media older than 10 s is removed from the buffer (as go2rtc's video-rtc.js does at 15 s),
// so a page open for days keeps a bounded buffer.
'use strict';

const LIVE = { JUMP_S: 1.0, CATCH_UP_S: 0.15, TARGET_S: 0.05, KEEP_S: 10, SAMPLES: 6000 };

class LivePlayer {
  constructor(video, url) {
    this.video = video;
    this.url = url;
    this.queue = [];
    this.prft = new Map();      // media time (µs, video timescale) -> server wall clock (ms)
    this.latencies = [];         // ms, newest last
    this.measured = 0;           // latencies measured so far (the array keeps the newest SAMPLES)
    this.frames = 0;
    this.jumps = 0;
    this.codecs = null;
    this.closed = false;
  }

  start() {
    const ws = new WebSocket(this.url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = ev => typeof ev.data === 'string' ? this.onText(JSON.parse(ev.data)) : this.onData(ev.data);
    // a socket replaced by restart() says nothing when it closes; the current one reconnects after a second
    ws.onclose = () => { if (this.ws === ws && !this.closed) setTimeout(() => this.restart(), 1000); };
    this.ws = ws;
    this.timer = setInterval(() => this.keepLive(), 250);
    if (!this.watching && 'requestVideoFrameCallback' in HTMLVideoElement.prototype) {
      this.watching = true; // one callback chain per player, across restarts
      const onFrame = (now, meta) => { this.onFrame(meta); this.video.requestVideoFrameCallback(onFrame); };
      this.video.requestVideoFrameCallback(onFrame);
    }
  }

  restart() {
    this.stop();
    this.closed = false;
    this.queue = [];
    this.prft.clear();
    this.sb = null;
    this.start();
  }

  stop() {
    this.closed = true;
    clearInterval(this.timer);
    if (this.ws) this.ws.close();
  }

  onText(msg) {
    if (msg.type !== 'mse') return;
    this.codecs = msg.codecs;
    const type = 'video/mp4; codecs="' + msg.codecs + '"';
    if (!MediaSource.isTypeSupported(type)) {
      if (!/[?&]transcode=1/.test(this.url)) {
        // H.265 in a browser without HEVC: ask again for H.264 from the camera's one transcoder (liveTranscode=always)
        this.url += (this.url.includes('?') ? '&' : '?') + 'transcode=1';
        this.restart();
        return;
      }
      this.video.dataset.error = 'this browser cannot play ' + msg.codecs;
      return;
    }
    const ms = new MediaSource();
    ms.addEventListener('sourceopen', () => {
      URL.revokeObjectURL(this.video.src);
      this.sb = ms.addSourceBuffer(type);
      this.sb.mode = 'segments';
      this.sb.addEventListener('updateend', () => { this.trim(); this.pump(); this.keepLive(); });
      this.pump();
    }, { once: true });
    this.ms = ms;
    this.video.src = URL.createObjectURL(ms);
    this.video.play().catch(() => {});
  }

  onData(data) {
    this.readPrft(new DataView(data));
    this.queue.push(new Uint8Array(data));
    this.pump();
  }

  // top-level boxes of one message: a prft (version 1: 64-bit NTP time and media time) before each moof
  readPrft(view) {
    for (let at = 0; at + 8 <= view.byteLength;) {
      const size = view.getUint32(at);
      const type = String.fromCharCode(view.getUint8(at + 4), view.getUint8(at + 5), view.getUint8(at + 6),
                                       view.getUint8(at + 7));
      if (type === 'prft' && view.getUint8(at + 8) === 1) {
        const ntpSeconds = view.getUint32(at + 16), ntpFraction = view.getUint32(at + 20);
        const wallMs = (ntpSeconds - 2208988800) * 1000 + ntpFraction / 4294967296 * 1000;
        const mediaTime = Number(view.getBigUint64(at + 24));
        this.prft.set(Math.round(mediaTime / 90), wallMs); // 90 kHz video timescale -> ms keys
        if (this.prft.size > 2000) this.prft.delete(this.prft.keys().next().value);
      }
      if (size < 8) break;
      at += size;
    }
  }

  pump() {
    const sb = this.sb;
    if (!sb || sb.updating || this.queue.length === 0) return;
    const total = this.queue.reduce((n, b) => n + b.byteLength, 0);
    const all = new Uint8Array(total);
    let at = 0;
    for (const b of this.queue) { all.set(b, at); at += b.byteLength; }
    this.queue = [];
    try {
      sb.appendBuffer(all);
    } catch (e) {
      this.video.dataset.error = String(e);
    }
  }

  trim() {
    const sb = this.sb, t = this.video.currentTime;
    if (!sb || sb.updating || sb.buffered.length === 0) return;
    const start = sb.buffered.start(0);
    if (t - start > LIVE.KEEP_S + 5) sb.remove(start, t - LIVE.KEEP_S);
  }

  keepLive() {
    const sb = this.sb, v = this.video;
    if (!sb || sb.buffered.length === 0) return;
    const last = sb.buffered.length - 1;
    const end = sb.buffered.end(last);
    const lag = end - v.currentTime;
    if (v.currentTime < sb.buffered.start(last) || lag > LIVE.JUMP_S) {
      v.currentTime = Math.max(sb.buffered.start(last), end - LIVE.TARGET_S);
      v.playbackRate = 1;
      this.jumps++;
    } else if (lag > LIVE.CATCH_UP_S) {
      v.playbackRate = Math.min(1.5, 1 + (lag - LIVE.TARGET_S));
    } else {
      v.playbackRate = 1;
    }
    if (v.paused) v.play().catch(() => {});
    v.dataset.lagMs = Math.round(lag * 1000);
  }

  onFrame(meta) {
    this.frames++;
    const wall = this.prft.get(Math.round(meta.mediaTime * 1000));
    if (wall !== undefined) {
      const shown = performance.timeOrigin + meta.expectedDisplayTime;
      this.latencies.push(shown - wall);
      this.measured++;
      if (this.latencies.length > LIVE.SAMPLES) this.latencies.shift();
    }
    this.video.dataset.frames = this.frames;
    this.video.dataset.jumps = this.jumps;
    if (this.frames % 10 === 0) {
      const s = this.stats(50);
      if (s.count) this.video.dataset.latencyMs = Math.round(s.p50);
    }
  }

  /** The latencies (ms) measured after the first {@code from} (a bench polls them without losing any). */
  since(from) {
    const kept = this.measured - this.latencies.length;
    return { next: this.measured, samples: this.latencies.slice(Math.max(0, from - kept)) };
  }

  /** p50/p95 (ms) over the newest n samples (all when n is absent). */
  stats(n) {
    const xs = (n ? this.latencies.slice(-n) : this.latencies.slice()).sort((a, b) => a - b);
    const q = p => xs.length ? xs[Math.min(xs.length - 1, Math.floor(p * xs.length))] : null;
    return { count: xs.length, p50: q(0.5), p95: q(0.95), max: xs.length ? xs[xs.length - 1] : null,
             frames: this.frames, jumps: this.jumps, codecs: this.codecs };
  }
}
