#!/usr/bin/python3
"""A fake IP camera for camel-av's tests: GStreamer's RTSP server on 127.0.0.1 only.

Usage: /usr/bin/python3 rtsp_camera.py PORT   (0 picks a free port). Prints "READY <port>" once listening and
exits on SIGTERM/SIGINT. Mounts (live, shared by all clients like a camera; H.264 320x240@25, GOP 25):
  /test   video only;  /audio  video + AAC (or Opus) mono 48 kHz.
With RTSP_USER and RTSP_PASS set, every mount needs those Basic credentials (else 401).
Logs CLIENT, PLAY/TEARDOWN <path> and CLOSED lines per client connection (see the end). Exits with status 3 and a
"MISSING ..." line when a package is missing (bin/install-deps --test installs them), and by itself when its parent
(the test JVM) goes away.
"""
import os, signal, sys
try:
    import gi
    gi.require_version('Gst', '1.0')
    gi.require_version('GstRtspServer', '1.0')
    from gi.repository import GLib, Gst, GstRtspServer
except (ImportError, ValueError) as e:
    sys.exit(print('MISSING python3-gi/gir1.2-gst-rtsp-server-1.0:', e, flush=True) or 3)

Gst.init(None)
have = lambda name: Gst.ElementFactory.find(name) is not None
H264 = next((e for n, e in [
    ('x264enc', 'x264enc tune=zerolatency speed-preset=ultrafast key-int-max=25 bframes=0'),
    ('openh264enc', 'openh264enc gop-size=25 complexity=low'),
    ('avenc_h264_omx', 'avenc_h264_omx gop-size=25')] if have(n)), None)
if not H264 or not have('videotestsrc') or not have('rtph264pay'):
    sys.exit(print('MISSING an H.264 encoder, videotestsrc or rtph264pay (gstreamer1.0-plugins-*)', flush=True) or 3)
AUDIO = ('voaacenc ! rtpmp4gpay' if have('voaacenc') else 'avenc_aac ! rtpmp4gpay' if have('avenc_aac')
         else 'opusenc ! rtpopuspay' if have('opusenc') else None)
VIDEO = ('videotestsrc is-live=true ! video/x-raw,width=320,height=240,framerate=25/1 ! videoconvert ! '
         + H264 + ' ! video/x-h264,profile=constrained-baseline ! rtph264pay name=pay0 pt=96 config-interval=1')

server = GstRtspServer.RTSPServer()
server.set_address('127.0.0.1')
server.set_service(sys.argv[1] if len(sys.argv) > 1 else '0')
pool = GstRtspServer.RTSPAddressPool()  # server-side RTP/RTCP UDP sockets on loopback too, not 0.0.0.0
pool.add_range('127.0.0.1', '127.0.0.1', 40000, 59999, 0)
user, password = os.environ.get('RTSP_USER'), os.environ.get('RTSP_PASS')
if user and password:
    auth = GstRtspServer.RTSPAuth()
    token = GstRtspServer.RTSPToken()
    token.set_string('media.factory.role', 'camera-user')
    auth.add_basic(GstRtspServer.RTSPAuth.make_basic(user, password), token)
    server.set_auth(auth)
mounts = {'/test': VIDEO}
if AUDIO:
    mounts['/audio'] = (VIDEO + ' audiotestsrc is-live=true wave=sine freq=440 ! audioconvert ! audioresample ! '
                        'audio/x-raw,rate=48000,channels=1 ! ' + AUDIO + ' name=pay1 pt=97')
# RTSP_CAMERAS=N adds N light video-only cameras /cam01../camNN (160x120@10, GOP 10) for fleet tests
for i in range(1, int(os.environ.get('RTSP_CAMERAS', '0')) + 1):
    mounts['/cam%02d' % i] = (VIDEO.replace('width=320,height=240,framerate=25/1', 'width=160,height=120,framerate=10/1')
                              .replace('key-int-max=25', 'key-int-max=10').replace('gop-size=25', 'gop-size=10'))
# RTSP_NTP_SOURCE=running-time: the camera's RTCP sender reports carry the pipeline's running time as their NTP
# clock, a wall clock near 1900 (a camera whose RTC reset after a power cut), for the tests of wrong camera clocks
class ClockMedia(GstRtspServer.RTSPMedia):
    def do_setup_rtpbin(self, rtpbin):
        rtpbin.set_property('ntp-time-source', os.environ['RTSP_NTP_SOURCE'])
        return True
for path, launch in mounts.items():
    factory = GstRtspServer.RTSPMediaFactory()
    factory.set_launch('( ' + launch + ' )')
    if os.environ.get('RTSP_NTP_SOURCE'):
        factory.set_media_gtype(ClockMedia)
    factory.set_shared(True)
    factory.set_address_pool(pool)
    if user and password:
        perms = GstRtspServer.RTSPPermissions()
        perms.add_role_from_structure(Gst.Structure.from_string(
            'camera-user, media.factory.access=(boolean)true, media.factory.construct=(boolean)true')[0])
        factory.set_permissions(perms)
    server.get_mount_points().add_factory(path, factory)

# one line per RTSP client connection: a test can count how many sessions a route opened; then, per connection,
# PLAY and TEARDOWN <path> for those requests and CLOSED when the connection ended, so a test can tell a client that
# ended its session from one that only dropped the connection (a camera streams on to that one until it times out)
# Clients are served on several threads: each line is written whole under a lock, or two of them interleave
# ("CLIENTTEARDOWN") and a test miscounts.
import threading
out_lock = threading.Lock()
def line(*words):
    with out_lock:
        sys.stdout.write(' '.join(str(w) for w in words) + '\n')
        sys.stdout.flush()
# The per-request lines only with RTSP_SESSION_LOG=1: a Python handler on every request holds the GIL on the server's
# threads, and with two clients starting at once that widened a race in gst-rtsp-server 1.22 that aborts the camera
# ("gst_rtsp_media_get_rates: assertion failed", seen once in CI): tests that do not count sessions do without them.
def connected(srv, client):
    if os.environ.get('RTSP_SESSION_LOG') == '1':
        path = lambda ctx: ctx.uri.abspath if ctx.uri else '?'
        client.connect('play-request', lambda c, ctx: line('PLAY', path(ctx)))
        client.connect('teardown-request', lambda c, ctx: line('TEARDOWN', path(ctx)))
        client.connect('closed', lambda c: line('CLOSED'))
    line('CLIENT')
server.connect('client-connected', connected)
loop = GLib.MainLoop()
for sig in (signal.SIGTERM, signal.SIGINT):
    GLib.unix_signal_add(GLib.PRIORITY_HIGH, sig, loop.quit)
parent = os.getppid()
GLib.timeout_add(500, lambda: os.getppid() == parent or loop.quit())  # orphaned: the test JVM died
if server.attach(None) == 0:
    sys.exit('cannot listen on 127.0.0.1:' + server.get_service())
print('READY', server.get_bound_port(), H264.split()[0], AUDIO and AUDIO.split()[0], flush=True)
loop.run()
