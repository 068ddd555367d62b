#!/usr/bin/env python3
"""A local SMTP sink for the tests: aiosmtpd on 127.0.0.1.

Usage: smtp_sink.py FOLDER [PORT]

Every message received is written to FOLDER as NNNN.json (envelope, headers
and the decoded plain-text body), renamed into place whole so that a reader
never sees half a file. Prints "listening on PORT" once it accepts
connections. PORT 0 (the default) picks a free one.
"""
import asyncio
import email
import email.policy
import itertools
import json
import os
import sys

from aiosmtpd.smtp import SMTP


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.numbers = itertools.count(1)

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "from": str(message["From"]),
            "to": str(message["To"]),
            "subject": str(message["Subject"]),
            "body": body.get_content() if body is not None else "",
        }
        number = next(self.numbers)
        partial = os.path.join(self.folder, f".{number:04}.partial")
        with open(partial, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.rename(partial, os.path.join(self.folder, f"{number:04}.json"))
        return "250 Message accepted for delivery"


async def main(folder, port):
    loop = asyncio.get_running_loop()
    sink = Sink(folder)  # one for every connection: the numbers go on
    server = await loop.create_server(
        lambda: SMTP(sink, hostname="sink.localhost"), "127.0.0.1", port
    )
    print(f"listening on {server.sockets[0].getsockname()[1]}", flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    asyncio.run(main(folder, int(sys.argv[2]) if len(sys.argv) > 2 else 0))
