"""A short article with a heading and a list, shared by the format tests of the library,
CLI and batch (tests/test_formats.py) and of the service (tests/service/test_service_formats.py)."""

P1 = ("The council approved the new budget on Tuesday after a long debate about funding for schools, "
      "roads and the library, which had been closed for repairs since the spring floods.")
P2 = ("Most of the money goes to repairs that were postponed for years, the mayor said, and the rest to "
      "two new schools in the northern districts where families have moved in large numbers.")
P3 = "Residents will be able to comment on the plans at a public meeting next month before the final vote."
TEXT = (f"{P1}\n\nWhat the budget holds\n\n{P2}\n\n* new roads for the northern districts\n"
        f"* two schools renovated over the summer\n\n{P3}\n")
KINDS = ["paragraph", "heading", "paragraph", "list", "paragraph"]
