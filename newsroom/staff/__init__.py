"""The staff side of the newsroom: roles, taking on a staff member, the admin's desk."""
