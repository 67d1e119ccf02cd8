#!/usr/bin/env python3
"""Shared-access signatures for Azurite's development account, for bench/files-azure.sh:
rclone 1.60 cannot reach an emulator on another port than 10000 except through a SAS URL.

azure_sas.py account ACCOUNT KEY               an account SAS (blob service, all resource types)
azure_sas.py container ACCOUNT KEY CONTAINER   a container SAS (read, add, create, write, delete, list)
"""
import base64
import hashlib
import hmac
import sys
import urllib.parse

VERSION, EXPIRY = "2018-11-09", "2035-01-01T00:00:00Z"


def sign(key, string_to_sign):
    return base64.b64encode(hmac.new(base64.b64decode(key), string_to_sign.encode(), hashlib.sha256).digest()).decode()


def account(name, key):
    sp, ss, srt = "racwdl", "b", "sco"
    sig = sign(key, "\n".join([name, sp, ss, srt, "", EXPIRY, "", "", VERSION, ""]))
    return urllib.parse.urlencode({"sv": VERSION, "ss": ss, "srt": srt, "sp": sp, "se": EXPIRY, "sig": sig})


def container(name, key, container_name):
    sp = "racwdl"
    sig = sign(key, "\n".join([sp, "", EXPIRY, f"/blob/{name}/{container_name}", "", "", "", VERSION, "c",
                               "", "", "", "", "", ""]))
    return urllib.parse.urlencode({"sv": VERSION, "sr": "c", "sp": sp, "se": EXPIRY, "sig": sig})


if __name__ == "__main__":
    if sys.argv[1] == "account":
        print(account(sys.argv[2], sys.argv[3]))
    elif sys.argv[1] == "container":
        print(container(sys.argv[2], sys.argv[3], sys.argv[4]))
    else:
        sys.exit(__doc__)
