"""Domain functions: every rule about numbers, history and secrecy lives here, once."""
