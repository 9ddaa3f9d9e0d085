"""The read side: standings, histories, the why of a tier, portfolio analytics, and the same views by
recording time (--as-of) and business date (--effective), over the read models; plus rebuilding
and following those read models."""
