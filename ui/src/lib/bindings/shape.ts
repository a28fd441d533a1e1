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
          "label": "Title",
          "markdown": null
        },
        {
          "key": "slug",
          "label": "Slug",
          "markdown": null
        },
        {
          "key": "topic",
          "label": "Topic",
          "markdown": null
        },
        {
          "key": "lang",
          "label": "Language",
          "markdown": null
        },
        {
          "key": "kind",
          "label": "Kind",
          "markdown": null
        },
        {
          "key": "depth",
          "label": "Depth",
          "markdown": null
        },
        {
          "key": "status",
          "label": "Status",
          "markdown": null
        },
        {
          "key": "version",
          "label": "Version",
          "markdown": null
        },
        {
          "key": "created",
          "label": "Created",
          "markdown": null
        },
        {
          "key": "updated",
          "label": "Last updated",
          "markdown": null
        },
        {
          "key": "generated",
          "label": "Generated",
          "markdown": null
        }
      ],
      "name_fields": []
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
          "label": "Summary paragraph",
          "markdown": "inline"
        }
      ],
      "name_fields": []
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
          "label": "Text",
          "markdown": "inline"
        },
        {
          "key": "lang",
          "label": "Language",
          "markdown": null
        }
      ],
      "name_fields": [
        "text"
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
          "label": "Heading",
          "markdown": null
        },
        {
          "key": "body",
          "label": "Body",
          "markdown": "block"
        },
        {
          "key": "lang",
          "label": "Language",
          "markdown": null
        }
      ],
      "name_fields": [
        "heading"
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
          "label": "Chart",
          "markdown": null
        },
        {
          "key": "caption",
          "label": "Caption",
          "markdown": null
        },
        {
          "key": "lab",
          "label": "Lab",
          "markdown": null
        },
        {
          "key": "partner",
          "label": "Partner",
          "markdown": null
        },
        {
          "key": "bars",
          "label": "Bars",
          "markdown": null
        },
        {
          "key": "key_only",
          "label": "Key events only",
          "markdown": null
        },
        {
          "key": "from",
          "label": "From",
          "markdown": null
        },
        {
          "key": "to",
          "label": "To",
          "markdown": null
        }
      ],
      "name_fields": [
        "caption"
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
          "label": "Caption",
          "markdown": null
        },
        {
          "key": "footnote",
          "label": "Footnote",
          "markdown": "inline"
        },
        {
          "key": "lab",
          "label": "Lab",
          "markdown": null
        },
        {
          "key": "partner",
          "label": "Partner",
          "markdown": null
        },
        {
          "key": "capacity",
          "label": "Committed capacity",
          "markdown": null
        },
        {
          "key": "timeline",
          "label": "Timeline",
          "markdown": null
        },
        {
          "key": "terms",
          "label": "Notable terms",
          "markdown": null
        }
      ],
      "name_fields": [
        "lab",
        "partner"
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
          "label": "Date",
          "markdown": null
        },
        {
          "key": "precision",
          "label": "Precision",
          "markdown": null
        },
        {
          "key": "title",
          "label": "Title",
          "markdown": null
        },
        {
          "key": "detail",
          "label": "Detail",
          "markdown": "inline"
        },
        {
          "key": "link",
          "label": "Link",
          "markdown": null
        },
        {
          "key": "key",
          "label": "Key event",
          "markdown": null
        }
      ],
      "name_fields": [
        "date",
        "title"
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
          "label": "Title",
          "markdown": null
        },
        {
          "key": "target",
          "label": "Slug or URL",
          "markdown": null
        }
      ],
      "name_fields": [
        "title"
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
          "label": "Question",
          "markdown": null
        },
        {
          "key": "answer",
          "label": "Answer",
          "markdown": "block"
        },
        {
          "key": "lang",
          "label": "Language",
          "markdown": null
        }
      ],
      "name_fields": [
        "question"
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
          "label": "Label",
          "markdown": null
        },
        {
          "key": "state",
          "label": "State",
          "markdown": null
        },
        {
          "key": "at",
          "label": "Date",
          "markdown": null
        }
      ],
      "name_fields": [
        "label"
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
          "label": "Title",
          "markdown": null
        },
        {
          "key": "target",
          "label": "Slug or URL",
          "markdown": null
        }
      ],
      "name_fields": [
        "title"
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
          "label": "Relevance",
          "markdown": null
        },
        {
          "key": "source",
          "label": "Source name",
          "markdown": null
        },
        {
          "key": "published",
          "label": "Published",
          "markdown": null
        },
        {
          "key": "url",
          "label": "URL",
          "markdown": null
        },
        {
          "key": "title",
          "label": "Title",
          "markdown": null
        },
        {
          "key": "summary",
          "label": "Summary",
          "markdown": null
        },
        {
          "key": "lang",
          "label": "Language",
          "markdown": null
        }
      ],
      "name_fields": [
        "title"
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
