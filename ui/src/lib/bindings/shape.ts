// Generated from almanac-guide (GuideShape::get); do not edit. Refresh:
// UPDATE_BINDINGS=1 cargo test -p almanac-studio bindings
import type { GuideShape } from './GuideShape';

export const SHAPE: GuideShape = {
  "parts": [
    {
      "part": "meta",
      "key": "meta",
      "label": "Details",
      "anchor": "part-meta",
      "item_noun": null,
      "derived": false,
      "list_path": null,
      "fields": [
        {
          "key": "title",
          "label": "Title"
        },
        {
          "key": "slug",
          "label": "Slug"
        },
        {
          "key": "topic",
          "label": "Topic"
        },
        {
          "key": "lang",
          "label": "Language"
        },
        {
          "key": "kind",
          "label": "Kind"
        },
        {
          "key": "depth",
          "label": "Depth"
        },
        {
          "key": "status",
          "label": "Status"
        },
        {
          "key": "version",
          "label": "Version"
        },
        {
          "key": "created",
          "label": "Created"
        },
        {
          "key": "updated",
          "label": "Last updated"
        },
        {
          "key": "generated",
          "label": "Generated"
        }
      ]
    },
    {
      "part": "tldr",
      "key": "tldr",
      "label": "TL;DR",
      "anchor": "part-tldr",
      "item_noun": null,
      "derived": false,
      "list_path": null,
      "fields": [
        {
          "key": "tldr",
          "label": "Summary paragraph"
        }
      ]
    },
    {
      "part": "takeaways",
      "key": "takeaways",
      "label": "Key takeaways",
      "anchor": "part-takeaways",
      "item_noun": "takeaway",
      "derived": false,
      "list_path": [
        "takeaways"
      ],
      "fields": [
        {
          "key": "text",
          "label": "Text"
        },
        {
          "key": "lang",
          "label": "Language"
        }
      ]
    },
    {
      "part": "sections",
      "key": "sections",
      "label": "Sections",
      "anchor": "part-sections",
      "item_noun": "section",
      "derived": false,
      "list_path": [
        "sections"
      ],
      "fields": [
        {
          "key": "heading",
          "label": "Heading"
        },
        {
          "key": "body",
          "label": "Body"
        },
        {
          "key": "lang",
          "label": "Language"
        }
      ]
    },
    {
      "part": "figures",
      "key": "figures",
      "label": "Figures",
      "anchor": "part-figures",
      "item_noun": "figure",
      "derived": false,
      "list_path": [
        "figures"
      ],
      "fields": [
        {
          "key": "kind",
          "label": "Chart"
        },
        {
          "key": "caption",
          "label": "Caption"
        },
        {
          "key": "lab",
          "label": "Lab"
        },
        {
          "key": "partner",
          "label": "Partner"
        },
        {
          "key": "bars",
          "label": "Bars"
        },
        {
          "key": "key_only",
          "label": "Key events only"
        },
        {
          "key": "from",
          "label": "From"
        },
        {
          "key": "to",
          "label": "To"
        }
      ]
    },
    {
      "part": "deals",
      "key": "deals",
      "label": "Deal table",
      "anchor": "part-deals",
      "item_noun": "deal row",
      "derived": false,
      "list_path": [
        "deals",
        "rows"
      ],
      "fields": [
        {
          "key": "caption",
          "label": "Caption"
        },
        {
          "key": "footnote",
          "label": "Footnote"
        },
        {
          "key": "lab",
          "label": "Lab"
        },
        {
          "key": "partner",
          "label": "Partner"
        },
        {
          "key": "capacity",
          "label": "Committed capacity"
        },
        {
          "key": "timeline",
          "label": "Timeline"
        },
        {
          "key": "terms",
          "label": "Notable terms"
        }
      ]
    },
    {
      "part": "timeline",
      "key": "timeline",
      "label": "Timeline",
      "anchor": "part-timeline",
      "item_noun": "event",
      "derived": false,
      "list_path": [
        "timeline"
      ],
      "fields": [
        {
          "key": "date",
          "label": "Date"
        },
        {
          "key": "precision",
          "label": "Precision"
        },
        {
          "key": "title",
          "label": "Title"
        },
        {
          "key": "detail",
          "label": "Detail"
        },
        {
          "key": "link",
          "label": "Link"
        },
        {
          "key": "key",
          "label": "Key event"
        }
      ]
    },
    {
      "part": "related_topics",
      "key": "related_topics",
      "label": "Related topics",
      "anchor": "part-related-topics",
      "item_noun": "related topic",
      "derived": false,
      "list_path": [
        "related_topics"
      ],
      "fields": [
        {
          "key": "title",
          "label": "Title"
        },
        {
          "key": "target",
          "label": "Slug or URL"
        }
      ]
    },
    {
      "part": "faq",
      "key": "faq",
      "label": "FAQ",
      "anchor": "part-faq",
      "item_noun": "question",
      "derived": false,
      "list_path": [
        "faq"
      ],
      "fields": [
        {
          "key": "question",
          "label": "Question"
        },
        {
          "key": "answer",
          "label": "Answer"
        },
        {
          "key": "lang",
          "label": "Language"
        }
      ]
    },
    {
      "part": "versions",
      "key": "versions",
      "label": "Versions",
      "anchor": "part-versions",
      "item_noun": "version",
      "derived": true,
      "list_path": [
        "versions"
      ],
      "fields": [
        {
          "key": "label",
          "label": "Label"
        },
        {
          "key": "state",
          "label": "State"
        },
        {
          "key": "at",
          "label": "Date"
        }
      ]
    },
    {
      "part": "related_guides",
      "key": "related_guides",
      "label": "Related guides",
      "anchor": "part-related-guides",
      "item_noun": "related guide",
      "derived": false,
      "list_path": [
        "related_guides"
      ],
      "fields": [
        {
          "key": "title",
          "label": "Title"
        },
        {
          "key": "target",
          "label": "Slug or URL"
        }
      ]
    },
    {
      "part": "sources",
      "key": "sources",
      "label": "Sources",
      "anchor": "part-sources",
      "item_noun": "source",
      "derived": false,
      "list_path": [
        "sources"
      ],
      "fields": [
        {
          "key": "score",
          "label": "Relevance"
        },
        {
          "key": "source",
          "label": "Source name"
        },
        {
          "key": "published",
          "label": "Published"
        },
        {
          "key": "url",
          "label": "URL"
        },
        {
          "key": "title",
          "label": "Title"
        },
        {
          "key": "summary",
          "label": "Summary"
        },
        {
          "key": "lang",
          "label": "Language"
        }
      ]
    }
  ],
  "limits": {
    "title_max": 160,
    "slug_max": 80,
    "tldr_max": 800,
    "takeaway_max": 400,
    "faq_answer_max": 1200
  },
  "states": [
    {
      "state": "draft",
      "label": "Draft",
      "moves": [
        "in_review",
        "archived"
      ],
      "approvable": false,
      "initial": true
    },
    {
      "state": "in_review",
      "label": "In review",
      "moves": [
        "draft",
        "archived"
      ],
      "approvable": true,
      "initial": true
    },
    {
      "state": "approved",
      "label": "Approved",
      "moves": [
        "in_review",
        "live",
        "archived"
      ],
      "approvable": false,
      "initial": false
    },
    {
      "state": "live",
      "label": "Live",
      "moves": [
        "archived"
      ],
      "approvable": false,
      "initial": false
    },
    {
      "state": "archived",
      "label": "Archived",
      "moves": [
        "draft"
      ],
      "approvable": false,
      "initial": false
    }
  ],
  "draft_label": "draft",
  "format_version": 2
};
