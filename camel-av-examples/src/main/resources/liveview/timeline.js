// camel-av operator page: a thin 24 h strip on each recorded camera's tile, and the timeline of the camera opened
// full size (issue 30). The last 24 h (or 1 h, 10 min,
// 1 min) of its recording from /api/recordings/ID (operation=list): recorded files, gaps, and events (triggers,
// clips). A click plays from that time, a drag selects a range that "export selection" downloads
// (/api/export/ID, operation=export: remuxed, nothing re-encoded).
//
// Playing: the page plays the recorded segment files themselves, one after the other (a playlist of the listing),
// each from /api/segment/ID?at= with Range requests. A click loads the file that holds the time and sets currentTime
// to (time - the file's start + the file's zero): Chromium fetches only the fragments it needs and shows the picture
// at that time exactly (it decodes from the key frame before). The zero (X-Camel-Av-Segment-Zero, seconds) is the
// media time the file's start, its first picture, is at: with B-frames the reorder delay (40 ms with x264's two
// B-frames at 25 fps), which FFmpeg's MP4 writer keeps as an empty edit and Chromium honours, so media time 0 is not
// the first picture; 0 without B-frames. At a file's end the next one is loaded; a gap is skipped over.
// Why not an export per click: it is remuxed (or re-encoded with exact=true) before its first byte, starts at the
// key frame before the time, and the response has no Range, so a seek outside what has arrived means a new export.
// Why not an HLS playlist: Chromium plays HLS only through a JavaScript player (hls.js) feeding MSE, and a playlist
// of fragmented MP4 needs one init segment per file. See docs/live-video.md.
'use strict';

const Timeline = (() => {
  const state = { camera: null, span: 86400, from: 0, to: 0, items: [], sel: null, playing: null, timer: null };
  const $ = id => document.getElementById(id);
  const iso = ms => new Date(ms).toISOString();
  const pad = n => String(n).padStart(2, '0');
  const clock = (ms, seconds) => { const d = new Date(ms);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + (seconds ? ':' + pad(d.getSeconds()) : ''); };
  let drag = null;

  function show(camera) {
    state.camera = camera;
    state.sel = null;
    $('timeline').hidden = false;
    $('tl-camera').textContent = camera;
    exportLink();
    zoom(state.span);
    clearInterval(state.timer);
    state.timer = setInterval(load, 5000);
  }

  function hide() {
    clearInterval(state.timer);
    state.timer = null;
    state.camera = null;
    state.playing = null;
    $('timeline').hidden = true;
    const v = $('playback');
    v.pause();
    v.removeAttribute('src');
    delete v.dataset.src;
  }

  function zoom(span) {
    state.span = span;
    document.querySelectorAll('#timeline button[data-span]')
        .forEach(b => b.classList.toggle('on', Number(b.dataset.span) === span));
    return load();
  }

  async function load() {
    const camera = state.camera;
    if (!camera) return;
    const to = Date.now(), from = to - state.span * 1000;
    let items = [];
    try {
      const r = await fetch('/api/recordings/' + encodeURIComponent(camera) + '?from=' + iso(from) + '&to=' + iso(to));
      if (r.ok) items = await r.json(); // 404: nothing recorded in the range
    } catch (e) {
      return;
    }
    if (camera !== state.camera) return;
    state.from = from;
    state.to = to;
    state.items = items.map(x => Object.assign(x, { s: Date.parse(x.start), e: Date.parse(x.end) }));
    render();
  }

  function place(el, s, e, min) {
    const span = state.to - state.from;
    const a = Math.max(s, state.from), b = Math.min(Math.max(e, s), state.to);
    el.style.left = ((a - state.from) / span * 100) + '%';
    el.style.width = Math.max((b - a) / span * 100, min || 0) + '%';
    return el;
  }

  function render() {
    const strip = $('tl-strip'), parts = [];
    for (const x of state.items) {
      if (x.e < state.from || x.s > state.to) continue;
      const el = document.createElement('div');
      el.className = x.type === 'recording' ? 'rec' : x.type;
      el.title = (x.type === 'event' ? x.kind + (x.label ? ' ' + x.label : '') : x.type) + ' ' + clock(x.s, true)
          + (x.e > x.s ? ' - ' + clock(x.e, true) : '');
      parts.push(place(el, x.s, x.e, x.type === 'event' ? 0.2 : 0));
    }
    if (state.sel) {
      const sel = document.createElement('div');
      sel.className = 'sel';
      parts.push(place(sel, state.sel.from, state.sel.to));
    }
    const cursor = document.createElement('div');
    cursor.className = 'cursor';
    cursor.id = 'tl-cursor';
    cursor.hidden = !state.playing;
    parts.push(cursor);
    strip.replaceChildren(...parts);
    moveCursor();
    const step = { 86400: 3 * 3600, 3600: 600, 600: 60, 60: 10 }[state.span] * 1000;
    const ticks = [];
    for (let t = Math.ceil(state.from / step) * step; t <= state.to; t += step) {
      const tick = document.createElement('span');
      tick.style.left = ((t - state.from) / (state.to - state.from) * 100) + '%';
      tick.textContent = clock(t, state.span <= 600);
      ticks.push(tick);
    }
    $('tl-ticks').replaceChildren(...ticks);
    const count = (type, word) => { const n = state.items.filter(x => x.type === type).length;
      return n + ' ' + word + (n === 1 ? '' : 's'); };
    $('tl-info').textContent = count('recording', 'file') + ', ' + count('gap', 'gap') + ', ' + count('event', 'event')
        + '; click to play from that time, drag to select a range';
  }

  function timeAt(ev) {
    const r = $('tl-strip').getBoundingClientRect();
    const f = Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width));
    return state.from + f * (state.to - state.from);
  }

  /** Plays the recording from wall-clock time t (ms); in a gap, from the next file's start. */
  function playAt(t) {
    const files = state.items.filter(x => x.type === 'recording');
    const f = files.find(x => x.s <= t && t < x.e) || files.find(x => x.s > t);
    const v = $('playback');
    v.dataset.clicked = String(Math.round(t));
    state.clickedAt = performance.now();
    if (!f) {
      $('tl-now').textContent = 'nothing recorded after ' + clock(t, true);
      return;
    }
    const offset = (Math.max(t, f.s) - f.s) / 1000;
    state.playing = f;
    v.dataset.segmentStart = String(f.s);
    delete v.dataset.segmentZero;
    v.dataset.target = String(offset);
    delete v.dataset.seeked;
    delete v.dataset.shownAfterSeek;
    const url = '/api/segment/' + encodeURIComponent(state.camera) + '?at=' + iso((f.s + f.e) / 2);
    const zero = zeroOf(f, url);
    // seek paused, play once the picture at that time is there (not from the file's start while it seeks)
    v.pause();
    v.addEventListener('seeked', () => v.play().catch(() => {}), { once: true });
    const seek = () => zero.then(z => {
      if (state.playing !== f) return; // clicked again meanwhile
      v.dataset.segmentZero = String(z);
      v.currentTime = offset + z;
    });
    if (v.dataset.src === url && v.readyState >= 1) {
      seek();
      return;
    }
    v.dataset.src = url;
    v.addEventListener('loadedmetadata', seek, { once: true });
    v.src = url;
  }

  /**
   * The media time file f's start is at (seconds), from the X-Camel-Av-Segment-Zero header of a one-byte request;
   * asked once per file, alongside the video's own requests; 0 where it cannot be had.
   */
  function zeroOf(f, url) {
    if (f.zero === undefined) {
      f.zero = fetch(url, { headers: { Range: 'bytes=0-0' } })
        .then(r => Number(r.headers.get('X-Camel-Av-Segment-Zero')) || 0)
        .catch(() => 0);
    }
    return f.zero;
  }

  function moveCursor() {
    const cursor = $('tl-cursor'), v = $('playback'), f = state.playing;
    if (!cursor || !f) return;
    const t = f.s + (v.currentTime - Number(v.dataset.segmentZero || 0)) * 1000;
    cursor.hidden = false;
    place(cursor, t, t);
    cursor.style.width = '2px';
    $('tl-now').textContent = 'playing ' + state.camera + ' at ' + new Date(t).toLocaleString();
  }

  function select(a, b) {
    state.sel = { from: Math.min(a, b), to: Math.max(a, b) };
    exportLink();
    render();
  }

  function exportLink() {
    const a = $('tl-export'), sel = state.sel;
    a.classList.toggle('disabled', !sel);
    if (!sel) {
      a.removeAttribute('href');
      a.textContent = 'export selection';
      return;
    }
    a.href = '/api/export/' + encodeURIComponent(state.camera) + '?from=' + iso(sel.from) + '&to=' + iso(sel.to);
    a.textContent = 'export ' + clock(sel.from, true) + ' - ' + clock(sel.to, true) + ' ('
        + Math.round((sel.to - sel.from) / 1000) + ' s)';
  }

  function wire() {
    const strip = $('tl-strip'), v = $('playback');
    strip.addEventListener('mousedown', ev => { drag = { x: ev.clientX, t: timeAt(ev), moved: false }; });
    window.addEventListener('mousemove', ev => {
      if (!drag) return;
      if (Math.abs(ev.clientX - drag.x) > 4) drag.moved = true;
      if (drag.moved) select(drag.t, timeAt(ev));
    });
    window.addEventListener('mouseup', ev => {
      if (!drag) return;
      const d = drag;
      drag = null;
      if (d.moved) select(d.t, timeAt(ev)); else playAt(d.t);
    });
    document.querySelectorAll('#timeline button[data-span]').forEach(b => { b.onclick = () => zoom(Number(b.dataset.span)); });
    v.addEventListener('seeked', () => {
      v.dataset.seeked = String(v.currentTime);
      // the media time of the first picture presented after the seek (tests compare it with the clicked time)
      if ('requestVideoFrameCallback' in v) {
        v.requestVideoFrameCallback((now, meta) => {
          v.dataset.shownAfterSeek = String(meta.mediaTime);
          v.dataset.clickToPictureMs = String(Math.round(now - state.clickedAt));
        });
      }
    });
    v.addEventListener('timeupdate', moveCursor);
    v.addEventListener('error', () => { // e.g. a file retention deleted since the listing (404): list again
      if (!v.dataset.src) return;
      $('tl-now').textContent = 'could not play the recording at ' + clock(Number(v.dataset.clicked), true);
      load();
    });
    v.addEventListener('ended', () => { // the next file of the listing, over a gap if there is one
      const f = state.playing;
      const next = f && state.items.find(x => x.type === 'recording' && x.s >= f.e - 50 && x !== f);
      if (next) playAt(next.s);
    });
  }

  /** A tile's overview: the camera's last 24 h as a thin strip in el, drawn again every 15 s; returns the timer. */
  function mini(camera, el) {
    const day = 86400000;
    const draw = async () => {
      const to = Date.now(), from = to - day;
      let items = [];
      try {
        const r = await fetch('/api/recordings/' + encodeURIComponent(camera) + '?from=' + iso(from) + '&to=' + iso(to));
        if (r.ok) items = await r.json();
      } catch (e) {
        return;
      }
      el.replaceChildren(...items.map(x => {
        const d = document.createElement('div'), s = Math.max(Date.parse(x.start), from);
        d.className = x.type === 'recording' ? 'rec' : x.type;
        d.style.left = ((s - from) / day * 100) + '%';
        // at least a sliver: a minute is 0.07 % of a day
        d.style.width = Math.max((Math.min(Date.parse(x.end), to) - s) / day * 100, 0.15) + '%';
        return d;
      }));
      el.dataset.files = String(items.filter(x => x.type === 'recording').length);
    };
    draw();
    return setInterval(draw, 15000);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire); else wire();
  return { show, hide, zoom, playAt, select, mini, state };
})();
