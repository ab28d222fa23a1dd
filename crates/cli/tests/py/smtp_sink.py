"""An SMTP server for ward's notification tests (aiosmtpd): it saves every message it
accepts in a folder as NNNN.txt (its subject, its recipients, whether it has an HTML part,
then its decoded plain text), so a test can read what ward sent.

    smtp_sink.py PORT FOLDER [--tls CERT KEY --user NAME --password SECRET]

With --tls it offers STARTTLS with that certificate and refuses mail before it; with
--user it requires AUTH (PLAIN or LOGIN) with that name and password. It prints "ready"
on standard output once it accepts connections, and runs until killed.
"""

import argparse
import email
import email.policy
import os
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class SaveToFolder:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        final = os.path.join(self.folder, "%04d.txt" % self.count)
        partial = final + ".part"
        message = email.message_from_bytes(
            envelope.original_content or envelope.content, policy=email.policy.default
        )
        plain = message.get_body(("plain",))
        html = message.get_body(("html",))
        with open(partial, "w", encoding="utf-8") as f:
            f.write("Subject: %s\n" % message["subject"])
            f.write("To: %s\n" % ", ".join(envelope.rcpt_tos))
            f.write("HTML: %s\n\n" % ("yes" if html is not None else "no"))
            f.write(plain.get_content() if plain is not None else "")
        # Renamed whole, so a test never reads half a message.
        os.replace(partial, final)
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("folder")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"))
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()
    os.makedirs(args.folder, exist_ok=True)

    options = {}
    if args.tls:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls[0], args.tls[1])
        options["tls_context"] = context
        options["require_starttls"] = True
    if args.user:
        expected = (args.user.encode(), (args.password or "").encode())

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and (
                auth_data.login,
                auth_data.password,
            ) == expected
            return AuthResult(success=ok)

        options["authenticator"] = authenticator
        options["auth_required"] = True
        # Without TLS (a test of its own), AUTH over the plain connection is allowed.
        options["auth_require_tls"] = bool(args.tls)

    controller = Controller(
        SaveToFolder(args.folder), hostname="127.0.0.1", port=args.port, **options
    )
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    sys.exit(main())
