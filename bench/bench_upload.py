"""Upload throughput and peak memory for one large material file through the real HTTP stack.

Starts the app on a real HTTP server (werkzeug, threaded) against a fresh database (a temporary SQLite file,
or DATABASE_URL), accepts a case at the window and uploads one --mb MB PDF (made on the fly, never held whole
by the client either) as multipart/form-data, then downloads it again, for each storage backend: the local
directory and S3 (moto's standalone S3-compatible server, started as a separate process so that its
in-memory objects do not count). Peak memory is the tracemalloc peak of Python allocations in this process
(server and client threads) during the request, and the process's maximum resident set size.

    python bench/bench_upload.py [--mb 100] [--backend local|s3|both]
"""
import argparse
import hashlib
import http.client
import json
import os
import resource
import socket
import subprocess
import sys
import tempfile
import threading
import time
import tracemalloc

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
os.environ.setdefault("LOG_LEVEL", "WARNING")

import boto3  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from app import create_app  # noqa: E402
from benchkit import APPLICANT, FAST_HASHING, FOOD_LICENCE_FORM, fresh_app  # noqa: E402 (bench/ is on sys.path)

BOUNDARY = "----yichuang-bench"
MB = 1024 * 1024


class MultipartBody:
    """A multipart/form-data body with one PDF file part of ``size`` bytes, generated while it is sent."""

    def __init__(self, size):
        self.head = (f"--{BOUNDARY}\r\n"
                     "Content-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                     "Content-Type: application/pdf\r\n\r\n").encode() + b"%PDF-1.7\n"
        self.tail = f"\r\n--{BOUNDARY}--\r\n".encode()
        self.block = hashlib.sha256(b"bench").digest() * 32768  # 1 MiB of bytes without line breaks
        self.file_size = size
        self.remaining = size - len(b"%PDF-1.7\n")
        self.length = len(self.head) + self.remaining + len(self.tail)
        self.digest = hashlib.sha256(b"%PDF-1.7\n")

    def read(self, n=-1):
        if self.head:
            out, self.head = self.head, b""
            return out
        if self.remaining > 0:
            out = self.block[:min(n if n and n > 0 else MB, self.remaining, len(self.block))]
            self.remaining -= len(out)
            self.digest.update(out)
            return out
        out, self.tail = self.tail, b""
        return out


def call(port, method, path, body=None, token=None):
    connection = http.client.HTTPConnection("127.0.0.1", port)
    headers = {"Content-Type": "application/json", **({"Authorization": f"Bearer {token}"} if token else {})}
    connection.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = connection.getresponse()
    payload = json.loads(response.read() or b"null")
    if response.status >= 400:
        raise RuntimeError(f"{method} {path}: {response.status} {payload}")
    return payload


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_moto():
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"
    client = boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                          aws_access_key_id="bench", aws_secret_access_key="bench")
    for _ in range(100):
        try:
            client.create_bucket(Bucket="bench")
            return process, endpoint
        except Exception:  # noqa: BLE001  (not listening yet)
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("moto server did not start")


def storage_settings(backend, workdir, endpoint):
    if backend == "local":
        return {"FILE_STORAGE": "local", "FILE_STORAGE_DIR": os.path.join(workdir, "files")}
    return {"FILE_STORAGE": "s3", "S3_ENDPOINT_URL": endpoint, "S3_BUCKET": "bench", "S3_REGION": "us-east-1",
            "S3_ACCESS_KEY_ID": "bench", "S3_SECRET_ACCESS_KEY": "bench"}


def run(backend, size, workdir, url, endpoint):
    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "ARGON2_TIME_COST": 1, "ARGON2_MEMORY_COST_KIB": 8,
                      "MAX_MATERIAL_FILE_BYTES": size + MB, **storage_settings(backend, workdir, endpoint)})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    port = server.server_port
    login = {"username": "clerk_commerce", "password": "Demo@2025"}
    token = call(port, "POST", "/api/v1/auth/token", login)["token"]
    acceptance = {"item_code": "330100-XK-001", "applicant": APPLICANT,
                  "materials": ["M01", "M02", "M03", "M04"], "form": FOOD_LICENCE_FORM, "decision": "accept"}
    case_no = call(port, "POST", "/api/v1/cases", acceptance, token)["case_no"]

    body = MultipartBody(size)
    connection = http.client.HTTPConnection("127.0.0.1", port, blocksize=MB)
    tracemalloc.start()
    begin = time.perf_counter()
    connection.request("POST", f"/api/v1/cases/{case_no}/materials/M01/files", body=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "Content-Length": str(body.length)})
    response = connection.getresponse()
    stored = json.loads(response.read())
    upload_seconds = time.perf_counter() - begin
    _, upload_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    if response.status != 201 or stored["sha256"] != body.digest.hexdigest():
        raise RuntimeError(f"upload failed: {response.status} {stored}")

    tracemalloc.start()
    begin = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port)
    connection.request("GET", stored["download_url"], headers={"Authorization": f"Bearer {token}"})
    response = connection.getresponse()
    digest, received = hashlib.sha256(), 0
    while chunk := response.read(MB):
        digest.update(chunk)
        received += len(chunk)
    download_seconds = time.perf_counter() - begin
    _, download_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    server.shutdown()
    if digest.hexdigest() != stored["sha256"] or received != size:
        raise RuntimeError("download does not match the upload")
    mb = size / MB
    print(f"{backend:5s}  upload {mb:.0f} MB: {mb / upload_seconds:7.1f} MB/s ({upload_seconds:.2f} s), "
          f"tracemalloc peak {upload_peak / MB:.2f} MB | download {mb / download_seconds:7.1f} MB/s, "
          f"peak {download_peak / MB:.2f} MB | max RSS so far "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=100)
    parser.add_argument("--backend", choices=["local", "s3", "both"], default="both")
    args = parser.parse_args()

    app, url = fresh_app("bench-upload-", **FAST_HASHING)
    workdir = tempfile.mkdtemp(prefix="bench-upload-files-")  # the storage directories of each run

    moto, endpoint = start_moto() if args.backend in ("s3", "both") else (None, None)
    try:
        print(f"database: {url.split(':', 1)[0]}; file: {args.mb} MB; Python {sys.version.split()[0]}")
        for backend in (["local", "s3"] if args.backend == "both" else [args.backend]):
            run(backend, args.mb * MB, workdir, url, endpoint)
    finally:
        if moto is not None:
            moto.terminate()
            moto.wait()


if __name__ == "__main__":
    main()
