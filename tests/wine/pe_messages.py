#!/usr/bin/python3
"""Prints the message table of a PE file (RT_MESSAGETABLE, type 11), one "ID<TAB>TEXT" a line,
text as Python repr. Used by tests/wine/test_schedule.sh: wufix.exe carries the event log's
messages. Exit 1 when the file has no message table.

Usage: pe_messages.py FILE.exe
"""
import struct
import sys

RT_MESSAGETABLE = 11


def sections(pe):
    """(virtual address, size, raw offset) of each section, and the resource directory RVA."""
    e_lfanew = struct.unpack_from("<I", pe, 0x3C)[0]
    assert pe[e_lfanew:e_lfanew + 4] == b"PE\0\0", "not a PE file"
    count = struct.unpack_from("<H", pe, e_lfanew + 6)[0]
    optional_size = struct.unpack_from("<H", pe, e_lfanew + 20)[0]
    optional = e_lfanew + 24
    magic = struct.unpack_from("<H", pe, optional)[0]
    directories = optional + (112 if magic == 0x20B else 96)
    resource_rva = struct.unpack_from("<I", pe, directories + 2 * 8)[0]
    table = optional + optional_size
    out = []
    for i in range(count):
        vsize, vaddr, rsize, raw = struct.unpack_from("<IIII", pe, table + 40 * i + 8)
        out.append((vaddr, max(vsize, rsize), raw))
    return out, resource_rva


def offset_of(rva, secs):
    for vaddr, size, raw in secs:
        if vaddr <= rva < vaddr + size:
            return raw + rva - vaddr
    raise ValueError("RVA %#x in no section" % rva)


def entries(pe, base, at):
    """(id, offset of the entry's target relative to base, is a directory) of one directory."""
    named, ids = struct.unpack_from("<HH", pe, at + 12)
    for i in range(named + ids):
        name, target = struct.unpack_from("<II", pe, at + 16 + 8 * i)
        yield name, target & 0x7FFFFFFF, bool(target & 0x80000000)


def message_blocks(pe):
    secs, rsrc_rva = sections(pe)
    base = offset_of(rsrc_rva, secs)
    for type_id, type_at, _ in entries(pe, base, base):
        if type_id != RT_MESSAGETABLE:
            continue
        for _, name_at, _ in entries(pe, base, base + type_at):
            for _, lang_at, _ in entries(pe, base, base + name_at):
                rva, size = struct.unpack_from("<II", pe, base + lang_at)
                yield pe[offset_of(rva, secs):offset_of(rva, secs) + size]


def messages(block):
    """MESSAGE_RESOURCE_DATA: blocks of (low id, high id, offset of the entries)."""
    (count,) = struct.unpack_from("<I", block, 0)
    for b in range(count):
        low, high, at = struct.unpack_from("<III", block, 4 + 12 * b)
        for message_id in range(low, high + 1):
            length, flags = struct.unpack_from("<HH", block, at)
            raw = block[at + 4:at + length]
            text = raw.decode("utf-16-le" if flags & 1 else "latin-1").rstrip("\0")
            yield message_id, text
            at += length


def main(argv):
    with open(argv[1], "rb") as f:
        pe = f.read()
    found = False
    for block in message_blocks(pe):
        for message_id, text in messages(block):
            found = True
            print("%d\t%r" % (message_id, text))
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
