"""The mixed 1M-key dataset of the store benchmarks as RESP commands on stdout (for redis-cli --pipe):
40 % 100-byte strings, 15 % each of hashes, lists, sets (half intsets) and sorted sets of 10 small elements.
Usage: python3 mixed-dataset.py <keys>"""
import sys
n = int(sys.argv[1])
out = sys.stdout.buffer
def cmd(*args):
    out.write(b"*%d\r\n" % len(args))
    for a in args:
        a = a if isinstance(a, bytes) else str(a).encode()
        out.write(b"$%d\r\n%s\r\n" % (len(a), a))
value = b"v" * 100
for i in range(n):
    k = "key:%07d" % i
    r = i % 20
    if r < 8:
        cmd("SET", k, value)
    elif r < 11:
        cmd("HSET", k, *[x for j in range(10) for x in ("f%d" % j, "value-%d" % (i + j))])
    elif r < 14:
        cmd("RPUSH", k, *["element-%d" % (i + j) for j in range(10)])
    elif r < 17:
        cmd("SADD", k, *[(i + j) if r % 2 else "member-%d" % (i + j) for j in range(10)])
    else:
        cmd("ZADD", k, *[x for j in range(10) for x in ((i + j) / 3.0, "m-%d" % j)])
