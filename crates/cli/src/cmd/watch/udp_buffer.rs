//! A UDP syslog socket's receive buffer and the datagrams the kernel dropped.
//!
//! UDP has no back-pressure: a burst the receiving thread cannot take at once waits in the
//! socket's kernel buffer, and what does not fit there is lost before ward sees it. Linux
//! gives a socket about 208 KiB by default (`net.core.rmem_default`), a fraction of a second
//! at 100,000 messages/s, so watch asks for [`WANTED`]. The kernel caps an ordinary request
//! at `net.core.rmem_max`; a process allowed to administer the network (root, or
//! `CAP_NET_ADMIN`) may pass that cap (`SO_RCVBUFFORCE`), which watch tries next. What it got
//! is said at start, with the `sysctl` that lifts the cap when it is short.
//!
//! The kernel counts the datagrams it dropped for each socket (the `drops` column of
//! `/proc/net/udp`), found by the socket's inode; `/healthz` and `/metrics` show that count
//! beside the drops ward made itself, so no loss goes unsaid.

use std::net::UdpSocket;

/// The receive buffer asked for: 16 MiB, a few seconds of a busy firewall's messages.
pub const WANTED: usize = 16 << 20;

/// What the socket got: its receive buffer in bytes as the kernel reports it, and its inode
/// for the kernel's drop count (Linux only).
#[derive(Debug, Clone, Copy, Default)]
pub struct Granted {
    pub bytes: Option<usize>,
    pub inode: Option<u64>,
}

/// Asks for [`WANTED`] bytes of receive buffer and reports what was granted.
pub fn enlarge(socket: &UdpSocket) -> Granted {
    imp::enlarge(socket)
}

/// The datagrams the kernel dropped on the socket with this inode, from `/proc/net/udp`
/// and `/proc/net/udp6`; `None` where the kernel does not say.
pub fn kernel_drops(inode: u64) -> Option<u64> {
    ["/proc/net/udp", "/proc/net/udp6"].iter().find_map(|path| {
        let table = std::fs::read_to_string(path).ok()?;
        drops_in(&table, inode)
    })
}

/// Reads one `/proc/net/udp` table: the `drops` (last) column of the row whose `inode`
/// (tenth) column is `inode`.
fn drops_in(table: &str, inode: u64) -> Option<u64> {
    table.lines().skip(1).find_map(|row| {
        let cols: Vec<&str> = row.split_whitespace().collect();
        let this: u64 = cols.get(9)?.parse().ok()?;
        if this != inode {
            return None;
        }
        cols.last()?.parse().ok()
    })
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // setsockopt/getsockopt on a socket we own; SAFETY comments at each call
mod imp {
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::MetadataExt;

    use super::{Granted, UdpSocket, WANTED};

    pub fn enlarge(socket: &UdpSocket) -> Granted {
        let fd = socket.as_raw_fd();
        let wanted = libc::c_int::try_from(WANTED).unwrap_or(libc::c_int::MAX);
        set(fd, libc::SO_RCVBUF, wanted);
        // The kernel doubles what it is asked (half is its bookkeeping) and reports that.
        if get(fd).is_some_and(|got| got < WANTED) {
            set(fd, libc::SO_RCVBUFFORCE, wanted);
        }
        let inode = std::fs::metadata(format!("/proc/self/fd/{fd}"))
            .ok()
            .map(|m| m.ino());
        Granted {
            bytes: get(fd),
            inode,
        }
    }

    fn set(fd: libc::c_int, option: libc::c_int, value: libc::c_int) {
        // SAFETY: `fd` is an open socket borrowed for the call; the value pointer and its
        // length describe one c_int that lives across the call. A refusal (EPERM for
        // SO_RCVBUFFORCE without CAP_NET_ADMIN) only leaves the buffer as it was.
        let _ = unsafe {
            libc::setsockopt(
                fd,
                libc::SOL_SOCKET,
                option,
                std::ptr::from_ref(&value).cast(),
                std::mem::size_of::<libc::c_int>() as libc::socklen_t,
            )
        };
    }

    fn get(fd: libc::c_int) -> Option<usize> {
        let mut value: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: `fd` is an open socket; `value` and `len` are valid for writes and `len`
        // holds the size of `value`.
        let rc = unsafe {
            libc::getsockopt(
                fd,
                libc::SOL_SOCKET,
                libc::SO_RCVBUF,
                std::ptr::from_mut(&mut value).cast(),
                &mut len,
            )
        };
        (rc == 0).then(|| usize::try_from(value).ok()).flatten()
    }
}

#[cfg(not(target_os = "linux"))]
mod imp {
    use super::{Granted, UdpSocket};

    /// Other systems keep their default buffer; the kernel's drops are not read there.
    pub fn enlarge(_socket: &UdpSocket) -> Granted {
        Granted::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drops_column_is_read_from_the_socket_s_row() {
        let table = "   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode ref pointer drops\n\
  112: 0100007F:157C 00000000:0000 07 00000000:00000000 00:00000000 00000000     0        0 81234 2 0000000000000000 0\n\
  113: 0100007F:D431 00000000:0000 07 00000000:00034000 00:00000000 00000000     0        0 99887 2 0000000000000000 1473\n";
        assert_eq!(drops_in(table, 99887), Some(1473));
        assert_eq!(drops_in(table, 81234), Some(0));
        assert_eq!(drops_in(table, 5), None);
        assert_eq!(drops_in("", 5), None);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_bound_socket_gets_a_larger_buffer_and_its_drops_are_found() {
        let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
        let granted = enlarge(&socket);
        // At least the kernel's default (rmem_default is 212,992 bytes, reported doubled).
        assert!(granted.bytes.unwrap() > 200_000, "{granted:?}");
        let inode = granted.inode.unwrap();
        assert_eq!(kernel_drops(inode), Some(0));
    }
}
