"""Connections only to public addresses, checked on the address actually connected to.

A check of the host name before the request (an httpx event hook) leaves a gap: the name is
resolved again when the connection opens, and a hostile DNS server can answer a public address
the first time and ``127.0.0.1`` the second (DNS rebinding). Here the name is resolved once, each
address is checked, and the socket is opened to that checked address; TLS still verifies the
certificate against the host name (httpcore passes it as the server name).
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterable

import httpcore
import httpx


class PrivateAddress(Exception):
    """A request (or a redirect) to this machine or a private network, which feeds may not ask for."""


def is_public(address: str) -> bool:
    """Whether an IP address is on the public internet (an IPv4-mapped IPv6 address as its IPv4)."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global


def resolve(host: str, port: int) -> list[str]:
    """The addresses of ``host``, in the resolver's order, each once."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's network backend that resolves a host once, refuses it when any of its
    addresses is not public (unless ``private``), and connects to the addresses it checked."""

    def __init__(self, private: bool = False, inner: httpcore.NetworkBackend | None = None) -> None:
        self._private = private
        self._inner = inner or httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None,
                    socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        try:
            addresses = resolve(host, port)
        except (socket.gaierror, UnicodeError) as error:
            raise httpcore.ConnectError(f"cannot resolve {host}: {error}") from error
        if not self._private and not all(is_public(address) for address in addresses):
            raise PrivateAddress(host)
        failure: Exception = httpcore.ConnectError(f"no address for {host}")
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as error:
                failure = error
        raise failure

    def connect_unix_socket(self, path: str, timeout: float | None = None,
                            socket_options: Iterable | None = None) -> httpcore.NetworkStream:
        raise httpcore.ConnectError("unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


class GuardedTransport(httpx.HTTPTransport):
    """httpx's own transport (connection pool, keep-alive, TLS), connecting through
    ``GuardedBackend``. httpx takes no network backend, so its pool is rebuilt around ours with
    httpx's default limits. Proxies from the environment are not used (the guard must see the
    address of the server itself)."""

    def __init__(self, private: bool = False) -> None:
        super().__init__(trust_env=False)
        self._pool.close()
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=100,
            max_keepalive_connections=20, keepalive_expiry=5.0,
            network_backend=GuardedBackend(private))
