"""Where the service meets the machine: the store and its URL, configuration files, how stored
values are encoded, operational faults in one line, and the fast paths around the library."""
