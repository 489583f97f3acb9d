#!/usr/bin/env python3
"""A tiny SNTP server for the clock-skew tests: answers on 127.0.0.1 with the local time
shifted by --offset seconds. Prints the port it bound, then serves until killed or --lifetime."""
import argparse
import socket
import struct
import time

NTP_EPOCH_DELTA = 2208988800  # seconds from 1900-01-01 to 1970-01-01


def ntp_stamp(t):
    seconds = int(t) + NTP_EPOCH_DELTA
    fraction = int((t - int(t)) * (1 << 32))
    return struct.pack("!II", seconds & 0xFFFFFFFF, fraction)


def resynced(path):
    if not path:
        return False
    try:
        with open(path, "rb") as f:
            return b"/resync" in f.read().replace(b"\x00", b"")
    except OSError:
        return False


def reply(request, offset, garbage):
    if garbage:
        return b"\x17" * 20
    now = time.time() + offset
    version = (request[0] >> 3) & 0x7
    header = struct.pack("!BBbbII4s", (0 << 6) | (version << 3) | 4, 2, 6, -20, 0, 0, b"\x7f\x00\x00\x01")
    originate = request[40:48]  # the client's transmit timestamp, echoed back
    return header + ntp_stamp(now) + originate + ntp_stamp(now) + ntp_stamp(now)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--offset", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--garbage", action="store_true")
    parser.add_argument("--lifetime", type=float, default=120.0)
    # Stands in for a real resync: once this file mentions /resync (the w32tm double's call
    # log), the offset is gone, as if Windows Time had corrected the clock.
    parser.add_argument("--fixed-by", default="")
    args = parser.parse_args()
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", args.port))
    print(sock.getsockname()[1], flush=True)
    deadline = time.time() + args.lifetime
    while time.time() < deadline:
        sock.settimeout(max(0.1, deadline - time.time()))
        try:
            data, peer = sock.recvfrom(512)
        except socket.timeout:
            break
        if len(data) >= 48:
            offset = 0.0 if resynced(args.fixed_by) else args.offset
            sock.sendto(reply(data, offset, args.garbage), peer)


if __name__ == "__main__":
    main()
