-- The deals a contact is on: who reads a contact (a deal's readers do, AccountAccess) and its search document's
-- readers look it up per contact; without it, every contact cost a scan of all links (5 ms each at 50,000 links).
create index opportunity_contact_contact_idx on opportunity_contact (contact_id, opportunity_id);
